"""Personal data never reaches a log line in clear."""

from __future__ import annotations

import io
import logging

import pytest

from gongkai.logfilters import MaskPersonalDataFilter, mask_personal_data


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        ("申请人身份证号 360983199001011234 已登记", "360983199001011234"),
        ("申请人身份证号 36098319900101123X 已登记", "36098319900101123X"),
        ("旧身份证 360983900101123 已登记", "360983900101123"),
        ("手机：13912345678，请回电", "13912345678"),
        ("手机：+86 139-1234-5678", "139-1234-5678"),
        ("座机 0795-5212315 转办公室", "5212315"),
        ("邮箱 zhang.san@example.com", "zhang.san@example.com"),
        ("住址：江西省高安市瑞州街道锦江路88号3栋201室", "锦江路88号"),
        ("地址 高安市筠阳街道凤凰村12号", "凤凰村12号"),
    ],
)
def test_masks_personal_data(text, secret):
    masked = mask_personal_data(text)
    assert secret not in masked
    assert "***" in masked


def test_keeps_ordinary_text_and_numbers():
    text = "处理申请 id=42，耗时 153 毫秒，共 20 个工作日，高府办发〔2024〕3号"
    assert mask_personal_data(text) == text


def emit(message: str, *args, exc: BaseException | None = None) -> str:
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.addFilter(MaskPersonalDataFilter())
    logger = logging.getLogger("gongkai.tests.masking")
    logger.addHandler(handler)
    logger.propagate = False
    try:
        if exc is None:
            logger.warning(message, *args)
        else:
            try:
                raise exc
            except type(exc):
                logger.exception(message, *args)
    finally:
        logger.removeHandler(handler)
    return stream.getvalue()


def test_filter_masks_arguments_merged_into_the_message():
    output = emit("application from %s phone %s", "360983199001011234", "13912345678")
    assert output.strip() == "application from *** phone ***"


def test_filter_masks_exception_text():
    output = emit("failed", exc=ValueError("bad id 360983199001011234"))
    assert "360983199001011234" not in output
    assert "ValueError: bad id ***" in output


def test_settings_attach_the_filter_to_every_handler():
    from django.conf import settings

    handlers = settings.LOGGING["handlers"]
    assert handlers
    for name, handler in handlers.items():
        assert "mask_personal_data" in handler["filters"], name
    assert (
        settings.LOGGING["filters"]["mask_personal_data"]["()"] == "gongkai.logfilters.MaskPersonalDataFilter"
    )


def reachable_handlers(logger: logging.Logger) -> list[logging.Handler]:
    handlers: list[logging.Handler] = []
    current: logging.Logger | None = logger
    while current is not None:
        # pytest's own capturing handlers sit on the root logger during tests; they are not ours.
        handlers += [h for h in current.handlers if not type(h).__module__.startswith("_pytest")]
        current = current.parent if current.propagate else None
    return handlers


@pytest.mark.parametrize(
    "name", ["", "django", "django.request", "django.server", "django.security.csrf", "axes", "gongkai"]
)
def test_every_handler_a_record_can_reach_masks_it(name):
    handlers = reachable_handlers(logging.getLogger(name))
    assert handlers, f"logger {name!r} reaches no handler"
    for handler in handlers:
        assert any(isinstance(f, MaskPersonalDataFilter) for f in handler.filters), (name, handler)
