-- POST an enqueue of a new object with the admin token (see run.sh).
wrk.method = "POST"
wrk.body = os.getenv("CNQ_BODY")
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CNQ_TOKEN")
