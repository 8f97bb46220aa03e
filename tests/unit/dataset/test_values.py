import pandas as pd
import pytest

from atlas.dataset.values import date_label

T = pd.Timestamp


@pytest.mark.parametrize("start,end,precision,expected", [
    (T("2024-12-01"), None, 1, "1 Dec 2024"),
    (T("2024-12-01"), pd.NaT, 1, "1 Dec 2024"),
    (T("2016-08-25"), T("2016-08-27"), 1, "25–27 Aug 2016"),
    (T("2016-07-17"), T("2016-12-22"), 1, "17 Jul–22 Dec 2016"),
    (T("2015-07-03"), None, 2, "3 Jul 2015 (within a week)"),
    (T("2016-08-28"), T("2016-09-18"), 3, "between 28 Aug and 18 Sep 2016"),
    (T("2016-12-28"), T("2017-01-04"), 2, "between 28 Dec 2016 and 4 Jan 2017"),
    (None, None, 1, "date unknown"),
])
def test_date_label(start, end, precision, expected):
    assert date_label(start, end, precision) == expected
