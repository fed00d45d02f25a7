import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from campaigns.models import Resource
from tests.builders import a_live_campaign

pytestmark = pytest.mark.django_db


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def a_resource_with_a_file(campaign, name="organizing-guide.pdf", content=b"%PDF-1.4 guide"):
    return Resource.objects.create(
        campaign=campaign, title="Organizing guide", file=SimpleUploadedFile(name, content)
    )


def test_the_hub_links_to_an_uploaded_document_as_a_download(client, media):
    campaign = a_live_campaign()
    resource = a_resource_with_a_file(campaign)
    page = client.get(campaign.get_absolute_url()).text
    url = reverse("campaigns:resource_file", args=[campaign.slug, resource.pk])
    assert f'href="{url}" download' in page
    assert "(PDF download)" in page

    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="organizing-guide.pdf"'
    assert b"".join(response.streaming_content) == b"%PDF-1.4 guide"


def test_another_campaigns_document_or_a_link_only_resource_is_not_found(client, media):
    resource = a_resource_with_a_file(a_live_campaign())
    other = a_live_campaign()
    assert (
        client.get(reverse("campaigns:resource_file", args=[other.slug, resource.pk])).status_code
        == 404
    )
    link_only = Resource.objects.create(
        campaign=other, title="Guide", url="https://example.org/guide"
    )
    assert (
        client.get(reverse("campaigns:resource_file", args=[other.slug, link_only.pk])).status_code
        == 404
    )


def test_a_document_whose_file_is_gone_is_not_found(client, media):
    campaign = a_live_campaign()
    resource = a_resource_with_a_file(campaign)
    (media / resource.file.name).unlink()
    url = reverse("campaigns:resource_file", args=[campaign.slug, resource.pk])
    assert client.get(url).status_code == 404


def test_only_document_types_may_be_uploaded(media):
    resource = Resource(
        campaign=a_live_campaign(),
        title="Page",
        file=SimpleUploadedFile("page.html", b"<script>alert(1)</script>"),
    )
    with pytest.raises(ValidationError) as error:
        resource.full_clean()
    assert "file" in error.value.message_dict
