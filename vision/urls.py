from django.urls import path

from . import views

urlpatterns = [
    path("vision/", views.choose, name="vision_choose"),
    path("vision.css", views.stylesheet, name="vision_css"),
]
