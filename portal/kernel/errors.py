"""Error pages: every failure reaches the user as a plain page (or JSON), never a stack trace."""
from __future__ import annotations

import logging

from flask import Flask, jsonify, render_template, request
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError
from werkzeug.exceptions import HTTPException, InternalServerError

log = logging.getLogger(__name__)


def _messages() -> dict[int, str]:
    return {
        400: _("请求无效，请返回重试。"),
        401: _("请先登录。"),
        403: _("您没有权限访问此页面。"),
        404: _("页面不存在或已被移除。"),
        405: _("不支持该请求方式。"),
        413: _("上传的文件太大。"),
        429: _("尝试次数过多，请稍后再试。"),
        500: _("服务器出错了，我们已记录此问题，请稍后再试。"),
        503: _("服务暂时不可用，请稍后再试。"),
    }


def wants_json() -> bool:
    """True for API-style requests that should get JSON errors instead of HTML pages."""
    best = request.accept_mimetypes.best_match(["application/json", "text/html"])
    return request.path.startswith("/api/") or (best == "application/json" and request.accept_mimetypes[best] > request.accept_mimetypes["text/html"])


def render_error(code: int, message: str | None = None):
    """Render the error page (or JSON) for `code`."""
    text = message or _messages().get(code, _messages()[500])
    if wants_json():
        return jsonify(error=text, status=code), code
    return render_template("error.html", code=code, message=text), code


def init_app(app: Flask) -> None:
    """Register handlers for HTTP errors, CSRF failures and unexpected exceptions."""

    @app.errorhandler(CSRFError)
    def csrf_error(_error: CSRFError):
        return render_error(400, _("表单已过期或缺少安全令牌，请刷新页面后重新提交。"))

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        if error.code is None or error.code < 400:
            return error
        custom = error.description if getattr(error, "portal_message", False) else None
        return render_error(error.code, custom)

    @app.errorhandler(Exception)
    def unexpected_error(error: Exception):
        if isinstance(error, HTTPException):
            return http_error(error)
        log.exception("unhandled error on %s", request.path)
        return render_error(InternalServerError.code)
