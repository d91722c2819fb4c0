from django.urls import path

from . import views

urlpatterns = [path("views/<int:page_id>/", views.page_views, name="page_views")]
