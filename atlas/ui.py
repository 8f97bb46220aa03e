"""Streamlit pieces shared by the pages. The only module in atlas/ that imports Streamlit."""
from __future__ import annotations

from pathlib import Path

import streamlit as st

from atlas.dataset import Dataset, DatasetError, data_dir_from_env, load_dataset


@st.cache_resource(show_spinner="Loading the dataset…")
def _cached_dataset(data_dir: str) -> Dataset:
    # cache_resource hands every session the same object; Dataset is read-only.
    return load_dataset(Path(data_dir))


def dataset_or_stop() -> Dataset:
    """The dataset, or a page explaining what is wrong with it (and a stop)."""
    data_dir = data_dir_from_env()
    try:
        return _cached_dataset(str(data_dir.resolve()))
    except DatasetError as exc:
        st.error(f"The dataset in {exc.data_dir} has {len(exc.problems)} problem(s), so nothing is shown.")
        st.write("Run the validator for the full list, fix the files, then reload this page:")
        st.code(f"python -m atlas validate {exc.data_dir}", language="bash")
        st.dataframe(
            [{"file": p.file, "row": p.row, "field": p.field, "problem": p.message} for p in exc.problems[:200]],
            hide_index=True, width="stretch",
        )
        st.stop()


def footer(dataset: Dataset) -> None:
    st.caption(f"Syria Statement Atlas · dataset version {dataset.version}")
