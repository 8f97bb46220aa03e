"""Syria Statement Atlas: `streamlit run dashboard.py`. This entry file names the pages; each is a script in app_pages/ (not pages/: Streamlit would list that folder by file name on a deep link).

A page's address is its file name without the number (/Map, /Demands...), so deep links keep working.
"""
import streamlit as st

from atlas.i18n import _, N_
from atlas.ui import language_switch, start_language

PAGES = [("app_pages/0_Overview.py", N_("Overview")), ("app_pages/1_Map.py", N_("Map")),
         ("app_pages/2_Timeline.py", N_("Timeline")), ("app_pages/3_Demands.py", N_("Demands")),
         ("app_pages/4_Threads.py", N_("Threads")), ("app_pages/8_Briefing.py", N_("Briefing")),
         ("app_pages/5_Statements.py", N_("Statements")), ("app_pages/6_Events.py", N_("Events")),
         ("app_pages/7_About.py", N_("About"))]

start_language()  # the language in force for the whole run, the page's included (?lang=ar)
page = st.navigation([st.Page(path, title=_(title), default=(n == 0)) for n, (path, title) in enumerate(PAGES)])
language_switch()
page.run()
