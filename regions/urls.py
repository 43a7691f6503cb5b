"""URLs of the region pages, mounted at /regios/ in the namespace "regions" by the root URL
configuration (together with the overview pages of ``overview.urls.region_patterns``)."""

from django.urls import path

from .views import accounts, annual_reports, convenants, partners, students, users

urlpatterns = [
    path("beheer/gebruikers/", users.user_list, name="user_list"),
    path("beheer/gebruikers/nieuw/", users.user_create, name="user_create"),
    path("beheer/gebruikers/uitnodigen/", users.user_invite, name="user_invite"),
    path("beheer/gebruikers/<int:pk>/", users.user_edit, name="user_edit"),
    path(
        "beheer/gebruikers/<int:pk>/uitnodiging/",
        users.user_invitation_resend,
        name="user_invitation_resend",
    ),
    path(
        "beheer/gebruikers/<int:pk>/tweede-stap/",
        users.user_second_factor_reset,
        name="user_second_factor_reset",
    ),
    path("<str:sto_number>/partners/", partners.partner_list, name="partner_list"),
    path("<str:sto_number>/partners/toevoegen/", partners.partner_add, name="partner_add"),
    path(
        "<str:sto_number>/partners/<int:pk>/beeindigen/",
        partners.membership_end,
        name="membership_end",
    ),
    path(
        "<str:sto_number>/organisaties/<str:key>/",
        partners.organisation_detail,
        name="organisation_detail",
    ),
    path("<str:sto_number>/leerlingen/", students.student_counts, name="student_counts"),
    path(
        "<str:sto_number>/leerlingen/<int:pk>/",
        students.student_count_detail,
        name="student_count_detail",
    ),
    path("<str:sto_number>/convenanten/", convenants.convenant_list, name="convenant_list"),
    path(
        "<str:sto_number>/convenanten/<int:pk>/",
        convenants.convenant_detail,
        name="convenant_detail",
    ),
    path(
        "<str:sto_number>/convenanten/<int:pk>/ondertekening/<str:key>/",
        convenants.signature_edit,
        name="signature_edit",
    ),
    path(
        "<str:sto_number>/jaarverslagen/<int:year>/",
        annual_reports.annual_report_detail,
        name="annual_report_detail",
    ),
    path(
        "<str:sto_number>/jaarverslagen/<int:year>/document/",
        annual_reports.annual_report_document,
        name="annual_report_document",
    ),
]

# The pages of one's own account, mounted at /accounts/ in the namespace "accounts".
account_patterns = [
    path("uitnodiging/<str:token>/", accounts.invitation_accept, name="invitation_accept"),
    path("tweede-stap/", accounts.second_factor_verify, name="second_factor_verify"),
    path("tweede-stap/instellen/", accounts.second_factor_setup, name="second_factor_setup"),
    path("mijn-account/", accounts.my_account, name="my_account"),
]
