"""Syria Statement Atlas: `streamlit run dashboard.py`. This entry file names the pages; each is a script in app_pages/ (not pages/: Streamlit would list that folder by file name on a deep link).

A page's address is its file name without the number (/Map, /Demands...), so deep links keep working.
"""
import streamlit as st

PAGES = [("app_pages/0_Overview.py", "Overview"), ("app_pages/1_Map.py", "Map"), ("app_pages/2_Timeline.py", "Timeline"),
         ("app_pages/3_Demands.py", "Demands"), ("app_pages/4_Threads.py", "Threads"),
         ("app_pages/8_Briefing.py", "Briefing"),
         ("app_pages/5_Statements.py", "Statements"), ("app_pages/6_Events.py", "Events"),
         ("app_pages/7_About.py", "About")]

st.navigation([st.Page(path, title=title, default=(n == 0)) for n, (path, title) in enumerate(PAGES)]).run()
