"""Sign-in and sign-out pages (Chinese). Lockout is django-axes' job; audit rows come from the signals."""

from django import forms
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.views import redirect_to_login
from django.shortcuts import render


class SignInForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续输错5次，账户将被锁定30分钟。",
        "inactive": "该账户已停用。",
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"
        self.fields["username"].widget.attrs.update({"autocomplete": "username"})
        self.fields["password"].widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})


class SignInView(auth_views.LoginView):
    template_name = "workspace/login.html"
    authentication_form = SignInForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        from gongkai.audit.services import client_ip
        from gongkai.workspace.throttle import refusal

        refused = refusal(str(request.POST.get("username", ""))[:150], client_ip(request))
        if refused is not None:
            response = render(request, "workspace/throttled.html", {"message": refused.message}, status=429)
            response["Retry-After"] = str(refused.retry_after)
            return response
        return super().post(request, *args, **kwargs)


class SignOutView(auth_views.LogoutView):
    """Signing out is a POST (Django 5), so a link cannot sign anyone out; a GET (a typed or bookmarked
    URL) shows a page with the sign-out button instead of a bare 405."""

    http_method_names = ["get", "head", "post", "options"]

    def get(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        return render(request, "workspace/logout.html")
