from django.urls import path

from documents import views

app_name = "documents"

urlpatterns = [
    path("documents/", views.document_list, name="list"),
    path("documents/upload/<slug:kind>/", views.document_upload_new, name="upload"),
    # The old review screen: permanent redirects to the staff workplace's (views.review).
    path("documents/review/", views.review_queue, name="review_queue"),
    path("documents/review/<uuid:document_uuid>/", views.review, name="review"),
    path("documents/review/<uuid:document_uuid>/accept/", views.review, name="review_accept"),
    path("documents/review/<uuid:document_uuid>/reject/", views.review, name="review_reject"),
    path("documents/<uuid:document_uuid>/", views.document_detail, name="detail"),
    path("documents/<uuid:document_uuid>/replace/", views.document_replace, name="replace"),
    path("documents/<uuid:document_uuid>/delete/", views.document_delete_view, name="delete"),
    path("documents/<uuid:document_uuid>/pdf/", views.document_combined_pdf, name="combined_pdf"),
    path(
        "documents/<uuid:document_uuid>/files/<uuid:page_uuid>/",
        views.document_download,
        name="download",
    ),
]
