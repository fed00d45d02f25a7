from django_tasks import task

from pledges.counts import pledge_counts_flush


@task()
def pledge_counts_flush_later(*, pledge_ids: list[int]) -> int:
    """Finish a flush a busy request left: fold what is still pending for these pledges."""
    return pledge_counts_flush(pledge_ids=pledge_ids, wait=True)
