from django.urls import path

from organizers import moderation, views

app_name = "organizers"
urlpatterns = [
    # Start a pledge at your school
    path("c/<slug:campaign_slug>/start/", views.start, name="start"),
    path(
        "c/<slug:campaign_slug>/start/new-institution/",
        views.start_new_institution,
        name="start_new_institution",
    ),
    path("c/<slug:campaign_slug>/start/where/", views.start_location, name="start_location"),
    path("c/<slug:campaign_slug>/start/wording/", views.start_wording, name="start_wording"),
    path("c/<slug:campaign_slug>/start/about-you/", views.start_you, name="start_you"),
    path(
        "c/<slug:campaign_slug>/start/check-your-email/",
        views.start_check_email,
        name="start_check_email",
    ),
    path("organize/confirm/<str:token>/", views.confirm_pledge, name="confirm_pledge"),
    # Sign up to organize
    path("c/<slug:campaign_slug>/organize/", views.signup, name="campaign_signup"),
    path("organize/signup/", views.signup, name="signup"),
    path("organize/signup/thank-you/", views.signup_thanks, name="signup_thanks"),
    # Signing in
    path("organize/sign-in/", views.signin, name="signin"),
    path("organize/sign-in/sent/", views.signin_sent, name="signin_sent"),
    path("organize/sign-in/<str:token>/", views.signin_link, name="signin_link"),
    path("organize/sign-out/", views.signout, name="signout"),
    # Dashboard
    path("organize/", views.dashboard, name="dashboard"),
    path("organize/pledges/<id:pledge_id>/", views.pledge_dashboard, name="pledge"),
    path("organize/pledges/<id:pledge_id>/updates/", views.post_update, name="post_update"),
    path("organize/pledges/<id:pledge_id>/signers.csv", views.export_signers, name="export"),
    path("organize/pledges/<id:pledge_id>/invite/", views.invite, name="invite"),
    path(
        "organize/pledges/<id:pledge_id>/organizers/<id:membership_id>/remove/",
        views.remove_organizer,
        name="remove_organizer",
    ),
    path(
        "organize/pledges/<id:pledge_id>/invites/<id:invite_id>/cancel/",
        views.cancel_invite,
        name="cancel_invite",
    ),
    path("organize/invite/<str:token>/", views.accept_invite, name="accept_invite"),
    # Staff
    path("staff/moderation/", moderation.moderation, name="moderation"),
    path(
        "staff/moderation/pledges/<id:pledge_id>/approve/",
        moderation.moderation_approve_pledge,
        name="approve_pledge",
    ),
    path(
        "staff/moderation/pledges/<id:pledge_id>/reject/",
        moderation.moderation_reject_pledge,
        name="reject_pledge",
    ),
    path(
        "staff/moderation/pledges/<id:pledge_id>/close/",
        moderation.moderation_close_pledge,
        name="close_pledge",
    ),
    path(
        "staff/moderation/institutions/<id:institution_id>/approve/",
        moderation.moderation_approve_institution,
        name="approve_institution",
    ),
    path(
        "staff/moderation/institutions/<id:institution_id>/reject/",
        moderation.moderation_reject_institution,
        name="reject_institution",
    ),
]
