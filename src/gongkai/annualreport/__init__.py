"""Read, check and write 政府信息公开工作年度报告. Pure Python: never imports Django."""

from gongkai.annualreport.model import Problem, Report, cell_label, cell_paths

__all__ = ["Problem", "Report", "cell_label", "cell_paths"]
