"""Syria Statement Atlas: `streamlit run dashboard.py`. This entry file names the pages; each is a script in pages/.

A page's address is its file name without the number (/Map, /Demands...), so deep links keep working.
"""
import streamlit as st

PAGES = [("pages/0_Overview.py", "Overview"), ("pages/1_Map.py", "Map"), ("pages/2_Timeline.py", "Timeline"),
         ("pages/3_Demands.py", "Demands"), ("pages/4_Statements.py", "Statements"), ("pages/5_Events.py", "Events"),
         ("pages/6_About.py", "About")]

st.navigation([st.Page(path, title=title, default=(n == 0)) for n, (path, title) in enumerate(PAGES)]).run()
