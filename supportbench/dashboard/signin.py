"""Sign-in for the dashboard and the review page: Streamlit's OIDC login, one prompt for both.

Who is then let in is each page's own list (`dashboard.allow`, `dashboard.analysts`), checked
with `data.allowed` against the address returned here.
"""

from __future__ import annotations

import streamlit as st

from supportbench.dashboard.data import verified_email


def auth_configured() -> bool:
    """Does .streamlit/secrets.toml name an OIDC provider ([auth])?"""
    try:
        return "auth" in st.secrets
    except FileNotFoundError:  # no secrets.toml at all
        return False


def signed_in_address(purpose: str) -> str | None:
    """The signed-in user's verified address. Otherwise None, once the page has said why, with the
    button to press: sign in (disabled, with the reason, while no provider is configured), or sign
    out when the provider vouched for no address."""
    if not st.user.get("is_logged_in", False):
        st.info(f"Sign in to {purpose}.")
        if not auth_configured():
            st.error("Sign-in is turned on in targets.yaml, but .streamlit/secrets.toml has no [auth] section "
                     "naming the OIDC provider: see the README, 'Dashboard access'.")  # fmt: skip
        st.button("Sign in", on_click=st.login, disabled=not auth_configured())
        return None
    email = verified_email(st.user.to_dict())
    if email is None:
        st.error("The sign-in did not come with a verified e-mail address, so the allow-list cannot be checked.")
        st.button("Sign out", on_click=st.logout)
    return email
