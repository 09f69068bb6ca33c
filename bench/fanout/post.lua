-- wrk script for bench/fanout: the same request a webhook delivery makes (a POST with a ~2 KB
-- JSON body and the Standard Webhooks headers), so the receiver's limit is measured on equal work.
wrk.method = "POST"
wrk.body = '{"type":"article.created","timestamp":"2025-03-28T14:05:09Z","data":{"content_text":"' ..
  string.rep("x", 1900) .. '"}}'
wrk.headers["Content-Type"] = "application/json"
wrk.headers["webhook-id"] = "msg_wrk_baseline_0000000000"
wrk.headers["webhook-timestamp"] = "1743170709"
wrk.headers["webhook-signature"] = "v1,g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE="
