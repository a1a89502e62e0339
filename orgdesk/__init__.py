"""组工管理 OrgDesk — 县委组织部干部工作离线桌面软件."""

__version__ = "0.1.0"
APP_NAME = "OrgDesk"
APP_TITLE = "组工管理 OrgDesk"
