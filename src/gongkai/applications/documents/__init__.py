"""Letters (文书): organ-editable wording (sandboxed Jinja2) and the 公文 page rendered to DOCX and PDF."""
