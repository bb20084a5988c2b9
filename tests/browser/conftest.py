"""Browser test harness: Debian's Chromium, driven by Playwright's sync API, against pytest-django's live_server.

Playwright never downloads a browser here: it launches /usr/bin/chromium (CI installs the Debian package).
A missing Chromium is a failure, not a skip, because CI must prove these tests ran.
"""

from __future__ import annotations

import os

# Playwright's sync API keeps an event loop running in the main thread; Django then refuses ORM calls from
# that thread (SynchronousOnlyOperation) although they are synchronous. The tests' own ORM use is safe.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

from collections.abc import Iterator  # noqa: E402
from dataclasses import dataclass, field  # noqa: E402
from pathlib import Path  # noqa: E402

import pytest  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from tests.factories import OrganFactory  # noqa: E402

from gongkai.organs.models import Organ, OrganKind, Role, RoleGrant  # noqa: E402

# ``browser`` (one Chromium for the run) is in tests/conftest.py: every browser directory shares it.

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / "artifacts" / "screenshots"
CLERK_PASSWORD = "Gk-browser-test-2025"

# WCAG 2.1 contrast (1.4.3) of every visible element that holds text of its own, against the nearest
# ancestor background colour: 4.5:1, or 3:1 for large text (24px, or 18.66px bold).
CONTRAST_SCRIPT = """() => {
  const parse = c => {
    const m = c.match(/rgba?\\(([^)]+)\\)/);
    if (!m) return null;
    const p = m[1].split(/[ ,\\/]+/).filter(Boolean).map(Number);
    return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
  };
  const channel = v => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
  const lum = c => 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
  const background = el => {
    for (let e = el; e; e = e.parentElement) {
      const c = parse(getComputedStyle(e).backgroundColor);
      if (c && c.a > 0) return c;
    }
    return {r: 255, g: 255, b: 255, a: 1};
  };
  const problems = [];
  for (const el of document.querySelectorAll("body *")) {
    if (![...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim())) continue;
    const style = getComputedStyle(el);
    const box = el.getBoundingClientRect();
    if (style.visibility === "hidden" || box.width < 2 || box.height < 2) continue;
    const fg = lum(parse(style.color)), bg = lum(background(el));
    const ratio = (Math.max(fg, bg) + 0.05) / (Math.min(fg, bg) + 0.05);
    const size = parseFloat(style.fontSize), bold = parseInt(style.fontWeight, 10) >= 700;
    const needed = size >= 24 || (bold && size >= 18.66) ? 3 : 4.5;
    if (ratio < needed) problems.push(`${el.tagName} "${el.textContent.trim().slice(0, 20)}" ${ratio.toFixed(2)}`);
  }
  return problems;
}"""


@dataclass
class Tab:
    """A page plus every console error and uncaught exception it produced, for the no-errors assertions."""

    page: object
    errors: list[str] = field(default_factory=list)
    requested: list[str] = field(default_factory=list)  # every URL the page fetched, to prove no CDN is used

    def contrast_problems(self) -> list[str]:
        return self.page.evaluate(CONTRAST_SCRIPT)

    def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path), full_page=True)
        return path


def _new_context_tab(browser, **context_options) -> tuple[object, Tab]:
    options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}, **context_options}
    context = browser.new_context(**options)
    page = context.new_page()
    tab = Tab(page)
    page.on("console", lambda msg: tab.errors.append(f"console: {msg.text}") if msg.type == "error" else None)
    page.on("pageerror", lambda exc: tab.errors.append(f"pageerror: {exc}"))
    page.on("request", lambda request: tab.requested.append(request.url))
    return context, tab


@pytest.fixture
def new_tab(browser) -> Iterator:
    """new_tab(**context options) → a Tab in a fresh browser context (own cookies); all closed afterwards."""
    contexts = []

    def open_tab(**context_options) -> Tab:
        context, tab = _new_context_tab(browser, **context_options)
        contexts.append(context)
        return tab

    yield open_tab
    for context in contexts:
        context.close()


@pytest.fixture
def tab(new_tab) -> Tab:
    return new_tab()


@pytest.fixture
def tab_without_js(new_tab) -> Tab:
    return new_tab(java_script_enabled=False)


@pytest.fixture
def mobile_tab(new_tab) -> Tab:
    return new_tab(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)


@pytest.fixture
def region(transactional_db) -> dict[str, Organ]:
    """A small region like the demo: the city government, its office, a bureau, a 乡镇 and a 街道."""
    gov = OrganFactory(
        slug="gaoan",
        name="高安市人民政府",
        credit_number=1,
        kind=OrganKind.GOVERNMENT,
        short_name="高安市政府",
    )
    office = OrganFactory(
        slug="gaoan-office",
        name="高安市人民政府办公室",
        credit_number=2,
        parent=gov,
        kind=OrganKind.DEPARTMENT,
        is_supervising=True,
        address="江西省高安市瑞阳大道1号",
        phone="0795-5211234",
        office_hours="工作日 上午8:00—12:00，下午14:30—17:30",
    )
    bureau = OrganFactory(
        slug="gaoan-jgsw",
        name="高安市机关事务管理局",
        credit_number=3,
        parent=gov,
        kind=OrganKind.DEPARTMENT,
        address="江西省高安市锦江路18号",
    )
    town = OrganFactory(
        slug="xiangfu", name="高安市祥符镇人民政府", credit_number=4, parent=gov, kind=OrganKind.TOWNSHIP
    )
    street = OrganFactory(
        slug="junyang", name="高安市筠阳街道办事处", credit_number=5, parent=gov, kind=OrganKind.SUBDISTRICT
    )
    return {"gov": gov, "office": office, "bureau": bureau, "town": town, "street": street}


@pytest.fixture
def clerk(region):
    """A 信息公开专员 of the bureau only."""
    user = get_user_model().objects.create_user(username="clerk_jgsw", password=CLERK_PASSWORD)
    RoleGrant.objects.create(user=user, organ=region["bureau"], role=Role.CLERK)
    user.raw_password = CLERK_PASSWORD
    return user
