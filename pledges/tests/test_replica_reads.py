"""With a replica configured, pledge reads go to it only while a public page renders, and
to the primary for a few seconds after a visitor's own change."""

from django.http import HttpResponse
from django.test import RequestFactory

from lib.db_router import PublicReadsToReplica, public_reads
from lib.pagecache import public_page
from pledges.models import Pledge


def test_reads_go_to_the_replica_only_while_a_public_page_renders(settings):
    settings.REPLICA_DATABASE_URL = "postgres://reader@127.0.0.1:5432/pledgeline"
    router = PublicReadsToReplica()
    assert router.db_for_read(Pledge) is None
    token = public_reads.set(True)
    try:
        assert router.db_for_read(Pledge) == "replica"
        assert router.db_for_write(Pledge) == "default"
    finally:
        public_reads.reset(token)


def test_after_their_own_change_a_visitor_reads_the_primary_for_a_few_seconds(settings):
    from lib.db_router import PIN_COOKIE, PinToPrimaryAfterWrite

    settings.REPLICA_DATABASE_URL = "postgres://reader@127.0.0.1:5432/pledgeline"
    settings.REPLICA_PIN_SECONDS = 7
    router = PublicReadsToReplica()

    def page(request):
        return HttpResponse(router.db_for_read(Pledge) or "default")

    pinned_page = PinToPrimaryAfterWrite(public_page(shared_max_age=1)(page))
    signed = PinToPrimaryAfterWrite(lambda request: HttpResponse(status=302))

    anonymous = pinned_page(RequestFactory().get("/c/x/p/"))
    sign = signed(RequestFactory().post("/c/x/p/sign/"))
    after_signing = RequestFactory().get("/c/x/p/")
    after_signing.COOKIES[PIN_COOKIE] = sign.cookies[PIN_COOKIE].value

    assert anonymous.content == b"replica"
    assert sign.cookies[PIN_COOKIE]["max-age"] == 7
    assert PIN_COOKIE not in anonymous.cookies  # reading pins nobody
    assert pinned_page(after_signing).content == b"default"
