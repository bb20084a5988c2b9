"""The platform's document standard: 公文 after GB/T 9704-2012, for DOCX, HTML (screen and print) and PDF.

Pure Python, no Django, so that the annual-report toolkit and the casework letters render with the same
page, fonts and styles:

* ``standard``: the parameters as data (page, type area, faces with their fallbacks, line grid,
  page-number position, the 落款 rule and the title break);
* ``docx``: a python-docx ``Document`` already set up (styles with outline levels, zh-CN, font table,
  footers, honest metadata) plus helpers for the title, headings, body, 落款 and tables;
* ``html``: the CSS (screen + print) and a page skeleton;
* ``pdf``: HTML → PDF through WeasyPrint, with Debian's Noto CJK fonts as the fallback faces.
"""
