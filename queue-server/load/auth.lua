-- GET with the admin token (see run.sh).
wrk.headers["Authorization"] = "Bearer " .. os.getenv("CNQ_TOKEN")
