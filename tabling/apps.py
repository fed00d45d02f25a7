from django.apps import AppConfig


class TablingConfig(AppConfig):
    name = "tabling"
