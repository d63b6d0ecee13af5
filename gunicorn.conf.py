"""gunicorn settings for the `web` service (docker-compose.yml: `gunicorn -c gunicorn.conf.py`).

The access log names the path, never the query string nor the Referer: the number helper
takes `?number=` (prefilled links from the campus health service need GET), and a full
social-security number must never land in a log (issue 16, #7; SECURITY.md row 46).
The client's address is the one the proxy forwarded.
"""

access_log_format = (
    '%({x-forwarded-for}i)s %(h)s %(t)s "%(m)s %(U)s %(H)s" %(s)s %(b)s "%(a)s" %(M)sms'
)
