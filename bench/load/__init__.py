"""Load with concurrent publishing: ``python -m bench.load`` (``make load``).

In one bounded run, once per cache backend (the local-memory cache, then Redis):
start the site under gunicorn with the bench settings on 127.0.0.1; let several
readers request a few demo notices in a loop, each on its own keep-alive connection
(``/api/notices/<slug>/?locale=fi``, sometimes with ``If-None-Match`` of the ETag it
holds, and the page ``/fi/<slug>/``); meanwhile, at intervals, publish one of those
notices through the admin over HTTP as people do: the demo editor edits it and
submits it for legal review, the demo reviewer approves it, and the approval
publishes it.

A local-memory cache lives in one process, so with it gunicorn runs ONE worker
process with threads, and the publications go through that same process: only
then does a publication's cache invalidation reach the readers. With Redis
gunicorn runs several worker processes, which share the cache.

Reported per backend: the requests made; errors (an unexpected status, a failed
connection: goal 0); responses whose notice version is none the database has
(content hashes compared with every ``NoticeVersion`` at the end: goal 0); the
publications made; and for each, the time from the approval's response until every
reader sees the new version, in the API and on the page (max and median: goal
under 1 s). A reader "sees" a version from its first response with it or a newer
one, and only if none of its requests sent after the approval got an older one.

Prints a table, saves JSON and Markdown in ``bench/results/`` and exits 1 when a
goal is missed, 2 when the test could not run (or was interrupted).
"""

# The modules: readers (the readers' keep-alive loops), admin_client (the publications
# through the admin), phase (the run with one cache backend), analysis (its figures
# and the goals), report (the Markdown) and __main__ (the options and the whole run).

DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/15"
#: Goal: every reader sees a publication within this many seconds of the approval.
VISIBLE_GOAL_S = 1.0
#: The readers go on this long after the last approval, so that each can see it.
SETTLE_S = 3.0
#: No publication starts this close to the end of the load.
LAST_PUBLICATION_MARGIN_S = 5.0
#: The free section each publication rewrites.
LOAD_HEADING = "Kuormitustesti"
LOCALE = "fi"
