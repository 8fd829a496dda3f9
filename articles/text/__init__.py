"""The newsroom's text rules, as pure functions: no Django, no I/O, no process state.

Seed files are parsed here (``seeds``, ``body``, ``headlines``), credit lines
split (``credits``), stories filed under a section and tagged (``sections``,
``tags``, ``stories``), and text checked for what pages and XML cannot carry
(``plain_text``, ``xml_text``, ``bylines``). Everything takes strings or bytes
and returns plain values, so each rule can be read and tested alone, and a
large import can run them in worker processes.
"""
