from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST, require_safe
from tests.extension_app.permissions import Action, can, memos_for
from tests.extension_app.services import write_memo

from gongkai.organs.permissions import Action as OrganAction
from gongkai.organs.permissions import get_organ_or_404
from gongkai.organs.scope import for_request


def _organ(request, slug, action):
    perms = for_request(request)
    organ = get_organ_or_404(perms, OrganAction.VIEW, slug=slug)
    if not can(perms, action, organ):
        raise PermissionDenied("您没有执行此操作的权限")
    return perms, organ


@login_required
@require_safe
def memos(request, slug):
    perms, organ = _organ(request, slug, Action.VIEW)
    rows = memos_for(perms).filter(organ=organ)
    return render(request, "extension/memos.html", {"organ": organ, "memos": rows})


@login_required
@require_POST
def write(request, slug):
    perms, organ = _organ(request, slug, Action.WRITE)
    try:
        write_memo(perms, organ=organ, text=request.POST.get("text", ""))
    except ValidationError:
        return render(
            request, "extension/memos.html", {"organ": organ, "error": "请填写备忘内容"}, status=400
        )
    return redirect("extension:memos", slug=organ.slug)
