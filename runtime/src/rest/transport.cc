#include "transport.h"

#include <curl/curl.h>
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <condition_variable>
#include <cstring>
#include <mutex>
#include <thread>
#include <unordered_map>
#include <vector>

#include "rest/credentials.h"

#ifndef KUBE_CLIENTGEN_VERSION
#define KUBE_CLIENTGEN_VERSION "dev"
#endif

namespace kube::rest::internal {

// A stream reader further behind than this pauses the transfer (TCP then pushes back on the
// server); it is resumed once the reader has caught up to kResumeBelow.
constexpr size_t kPauseAbove = 4 << 20;
constexpr size_t kResumeBelow = 1 << 20;

namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// Header names allow only RFC 7230 token characters: others in an extra's key are
// percent-encoded, as client-go's headerKeyEscape does (the server decodes them).
std::string EscapeHeaderKey(std::string_view key) {
  std::string out;
  for (unsigned char c : key) {
    if (std::isalnum(c) || std::strchr("!#$&'*+-.^_`|~", c)) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

std::vector<std::string> ImpersonationHeaders(const Config::Impersonation& as) {
  std::vector<std::string> h;
  if (as.user.empty()) return h;
  h.push_back("Impersonate-User: " + as.user);
  if (!as.uid.empty()) h.push_back("Impersonate-Uid: " + as.uid);
  for (const auto& g : as.groups) h.push_back("Impersonate-Group: " + g);
  for (const auto& [key, values] : as.extra) {
    for (const auto& v : values)
      h.push_back("Impersonate-Extra-" + EscapeHeaderKey(key) + ": " + v);
  }
  return h;
}

}  // namespace

// What libcurl measured of a transfer's connection (named here, not file-local, because
// Transfer holds one).
struct Timings {
  bool reused = false;
  std::string remote;
  ClientTrace::Duration dns{0}, connect{0}, tls{0}, first_byte{0};
};

struct Transfer {
  CURL* easy = nullptr;
  curl_slist* header_list = nullptr;
  std::string method;
  std::string url;  // as shown in errors: the configured host, never a tls-server-name
  std::string curl_url;
  std::string request_body;
  std::string cert_pem, key_pem;  // an exec plugin's client certificate, kept for curl
  bool streaming = false;
  char errbuf[CURL_ERROR_SIZE] = {};
  std::atomic<bool> cancel_requested{false};

  std::mutex mu;
  std::condition_variable cv;
  // Guarded by mu.
  int status = 0;
  std::map<std::string, std::string> headers;
  bool headers_done = false;
  Timings timings;
  std::string body;
  size_t read_pos = 0;  // streaming: bytes of `body` already handed out
  bool paused = false;
  bool resume_requested = false;
  bool done = false;
  bool cancelled = false;
  CURLcode result = CURLE_OK;
  std::string error_text;

  ~Transfer() {
    if (easy) curl_easy_cleanup(easy);
    curl_slist_free_all(header_list);
  }

  static size_t OnBody(char* data, size_t size, size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    size_t len = size * n;
    {
      std::lock_guard lock(t->mu);
      if (t->streaming && t->body.size() - t->read_pos >= kPauseAbove) {
        t->paused = true;
        return CURL_WRITEFUNC_PAUSE;  // curl delivers the same bytes again on resume
      }
      t->body.append(data, len);
    }
    t->cv.notify_all();
    return len;
  }

  static size_t OnHeader(char* data, size_t size, size_t n, void* self) {
    auto* t = static_cast<Transfer*>(self);
    size_t len = size * n;
    std::string_view line(data, len);
    bool notify = false;
    {
      std::lock_guard lock(t->mu);
      if (line.starts_with("HTTP/")) {
        // A new status line (after 100 Continue or a redirect) starts a fresh header block.
        auto sp = line.find(' ');
        t->status = sp == line.npos ? 0 : std::atoi(std::string(line.substr(sp + 1, 3)).c_str());
        t->headers.clear();
      } else if (Trim(line).empty()) {
        if (t->status >= 200) {
          t->headers_done = true;
          t->timings = t->Measure();
          notify = true;
        }
      } else if (auto colon = line.find(':'); colon != line.npos) {
        t->headers[Lower(Trim(line.substr(0, colon)))] = std::string(Trim(line.substr(colon + 1)));
      }
    }
    if (notify) t->cv.notify_all();
    return len;
  }

  // Runs in a libcurl callback, where getinfo is safe.
  Timings Measure() const {
    Timings tm;
    long connects = 0;
    curl_easy_getinfo(easy, CURLINFO_NUM_CONNECTS, &connects);
    tm.reused = connects == 0;
    char* ip = nullptr;
    long port = 0;
    curl_easy_getinfo(easy, CURLINFO_PRIMARY_IP, &ip);
    curl_easy_getinfo(easy, CURLINFO_PRIMARY_PORT, &port);
    if (ip) tm.remote = fmt::format("{}:{}", ip, port);
    curl_off_t v = 0;
    curl_easy_getinfo(easy, CURLINFO_NAMELOOKUP_TIME_T, &v);
    tm.dns = ClientTrace::Duration(v);
    curl_easy_getinfo(easy, CURLINFO_CONNECT_TIME_T, &v);
    tm.connect = ClientTrace::Duration(v);
    curl_easy_getinfo(easy, CURLINFO_APPCONNECT_TIME_T, &v);
    tm.tls = ClientTrace::Duration(v);
    curl_easy_getinfo(easy, CURLINFO_STARTTRANSFER_TIME_T, &v);
    tm.first_byte = ClientTrace::Duration(v);
    return tm;
  }
};

class Loop {
 public:
  static Result<std::shared_ptr<Loop>> Start(const Config& config) {
    static std::once_flag curl_init;
    std::call_once(curl_init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
    auto loop = std::shared_ptr<Loop>(new Loop());
    if (auto ok = loop->Configure(config); !ok) return Fail(ok.error());
    loop->multi_ = curl_multi_init();
    if (!loop->multi_) return Fail(Error::Transport("curl_multi_init failed"));
    curl_multi_setopt(loop->multi_, CURLMOPT_MAXCONNECTS, 64L);
    loop->thread_ = std::thread([raw = loop.get()] { raw->Run(); });
    return loop;
  }

  ~Loop() {
    {
      std::lock_guard lock(mu_);
      stopping_ = true;
    }
    curl_multi_wakeup(multi_);
    if (thread_.joinable()) thread_.join();
    curl_multi_cleanup(multi_);
    curl_slist_free_all(connect_to_);
  }

  // `credentials` are this request's (fetched per request: tokens rotate).
  Result<std::shared_ptr<Transfer>> NewTransfer(const Request& req,
                                                std::optional<Context::Clock::time_point> deadline,
                                                bool streaming, const Credentials& credentials) {
    auto path = req.Path();
    if (!path) return Fail(path.error());
    auto t = std::make_shared<Transfer>();
    t->easy = curl_easy_init();
    if (!t->easy) return Fail(Error::Transport("curl_easy_init failed"));
    t->method = req.method();
    t->url = base_url_ + *path;
    t->curl_url = curl_base_url_ + *path;
    t->streaming = streaming;
    CURL* e = t->easy;
    curl_easy_setopt(e, CURLOPT_URL, t->curl_url.c_str());
    curl_easy_setopt(e, CURLOPT_NOSIGNAL, 1L);
    curl_easy_setopt(e, CURLOPT_ERRORBUFFER, t->errbuf);
    curl_easy_setopt(e, CURLOPT_WRITEFUNCTION, &Transfer::OnBody);
    curl_easy_setopt(e, CURLOPT_WRITEDATA, t.get());
    curl_easy_setopt(e, CURLOPT_HEADERFUNCTION, &Transfer::OnHeader);
    curl_easy_setopt(e, CURLOPT_HEADERDATA, t.get());
    curl_easy_setopt(e, CURLOPT_TCP_NODELAY, 1L);
    curl_easy_setopt(e, CURLOPT_TCP_KEEPALIVE, 1L);
    if (!config_.disable_compression) {
      // As client-go: kube-apiserver gzips large lists.
      curl_easy_setopt(e, CURLOPT_ACCEPT_ENCODING, "gzip");
    }
    curl_easy_setopt(e, CURLOPT_USERAGENT, user_agent_.c_str());
    if (config_.disable_keep_alives) curl_easy_setopt(e, CURLOPT_FORBID_REUSE, 1L);
    if (!config_.proxy_url.empty()) {
      curl_easy_setopt(e, CURLOPT_PROXY, config_.proxy_url.c_str());
      // As client-go's proxy-url: every request goes through it, whatever NO_PROXY says.
      curl_easy_setopt(e, CURLOPT_NOPROXY, "");
    }
    if (connect_to_) curl_easy_setopt(e, CURLOPT_CONNECT_TO, connect_to_);
    ApplyTls(e);
    if (!credentials.client_cert_pem.empty()) {
      // curl keys its connection cache on the certificate too, so a rotated one is never
      // sent over a connection opened with the old one.
      t->cert_pem = credentials.client_cert_pem;
      t->key_pem = credentials.client_key_pem;
      Blob(e, CURLOPT_SSLCERT_BLOB, t->cert_pem);
      Blob(e, CURLOPT_SSLKEY_BLOB, t->key_pem);
      curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
      curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
    }
    if (!config_.username.empty()) {
      curl_easy_setopt(e, CURLOPT_HTTPAUTH, CURLAUTH_BASIC);
      curl_easy_setopt(e, CURLOPT_USERNAME, config_.username.c_str());
      curl_easy_setopt(e, CURLOPT_PASSWORD, config_.password.c_str());
    }
    if (deadline) {
      auto left =
          std::chrono::duration_cast<std::chrono::milliseconds>(*deadline - Context::Clock::now());
      curl_easy_setopt(e, CURLOPT_TIMEOUT_MS,
                       static_cast<long>(std::max<int64_t>(1, left.count())));
    }

    const std::string& m = req.method();
    if (m == "GET") {
      curl_easy_setopt(e, CURLOPT_HTTPGET, 1L);
    } else if (m == "HEAD") {
      curl_easy_setopt(e, CURLOPT_NOBODY, 1L);
    } else {
      curl_easy_setopt(e, CURLOPT_CUSTOMREQUEST, m.c_str());
    }
    if (!req.body().empty() || m == "POST" || m == "PUT" || m == "PATCH") {
      t->request_body = req.body();
      curl_easy_setopt(e, CURLOPT_POSTFIELDS, t->request_body.c_str());
      curl_easy_setopt(e, CURLOPT_POSTFIELDSIZE_LARGE,
                       static_cast<curl_off_t>(t->request_body.size()));
    }
    auto add = [&](const std::string& h) {
      t->header_list = curl_slist_append(t->header_list, h.c_str());
    };
    add("Accept: application/json, */*");
    add("Expect:");  // no 100-continue round trip for large bodies
    if (!req.content_type().empty()) add("Content-Type: " + req.content_type());
    if (!host_header_.empty()) add(host_header_);
    if (!credentials.token.empty()) add("Authorization: Bearer " + credentials.token);
    for (const auto& h : impersonation_headers_) add(h);
    for (const auto& [k, v] : config_.headers) add(k + ": " + v);
    for (const auto& [k, v] : req.headers()) add(k + ": " + v);
    curl_easy_setopt(e, CURLOPT_HTTPHEADER, t->header_list);
    return t;
  }

  void Submit(std::shared_ptr<Transfer> t) { Enqueue(to_add_, std::move(t)); }
  void Cancel(std::shared_ptr<Transfer> t) {
    t->cancel_requested = true;
    Enqueue(to_cancel_, std::move(t));
  }
  void Resume(std::shared_ptr<Transfer> t) { Enqueue(to_resume_, std::move(t)); }

 private:
  Loop() = default;

  Result<void> Configure(const Config& config) {
    config_ = config;
    base_url_ = config.host.empty() ? std::string("http://localhost:8080") : config.host;
    if (base_url_.find("://") == std::string::npos) base_url_ = "https://" + base_url_;
    while (base_url_.ends_with('/')) base_url_.pop_back();
    user_agent_ = config.user_agent.empty()
                      ? std::string("kube-clientgen/" KUBE_CLIENTGEN_VERSION " (linux)")
                      : config.user_agent;
    if (!config.username.empty() &&
        (!config.bearer_token.empty() || !config.bearer_token_file.empty())) {
      return Fail(
          Error::InvalidArgument("username/password or bearer token may be set, but not both"));
    }
    impersonation_headers_ = ImpersonationHeaders(config.impersonate);
    curl_base_url_ = base_url_;
    if (!config.tls_server_name.empty() && base_url_.starts_with("https://")) {
      if (auto ok = UseServerName(config.tls_server_name); !ok) return ok;
    }
    return {};
  }

  // libcurl checks the certificate against (and sends as SNI) the URL's host: requests go to
  // https://<tls-server-name>:port with CONNECT_TO pointing that name at the real address, and
  // the Host header kept as the configured host, which is what Go's tls.Config.ServerName does.
  Result<void> UseServerName(const std::string& name) {
    CURLU* u = curl_url();
    char* host = nullptr;
    char* port = nullptr;
    bool ok = curl_url_set(u, CURLUPART_URL, base_url_.c_str(), 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK &&
              curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT) == CURLUE_OK &&
              curl_url_set(u, CURLUPART_HOST, name.c_str(), 0) == CURLUE_OK;
    char* rewritten = nullptr;
    ok = ok && curl_url_get(u, CURLUPART_URL, &rewritten, 0) == CURLUE_OK;
    if (ok) {
      curl_base_url_ = rewritten;
      while (curl_base_url_.ends_with('/')) curl_base_url_.pop_back();
      connect_to_ =
          curl_slist_append(nullptr, fmt::format("{}:{}:{}:{}", name, port, host, port).c_str());
      std::string authority = base_url_.substr(base_url_.find("://") + 3);
      host_header_ = "Host: " + authority.substr(0, authority.find('/'));
    }
    curl_free(rewritten);
    curl_free(host);
    curl_free(port);
    curl_url_cleanup(u);
    if (!ok) {
      return Fail(Error::InvalidArgument(
          fmt::format("cannot use tls-server-name \"{}\" with host \"{}\"", name, base_url_)));
    }
    return {};
  }

  static void Blob(CURL* e, CURLoption opt, const std::string& pem) {
    curl_blob b{const_cast<char*>(pem.data()), pem.size(), CURL_BLOB_COPY};
    curl_easy_setopt(e, opt, &b);
  }

  void ApplyTls(CURL* e) {
    if (config_.insecure_skip_tls_verify) {
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYPEER, 0L);
      curl_easy_setopt(e, CURLOPT_SSL_VERIFYHOST, 0L);
    }
    auto blob = [&](CURLoption opt, const std::string& pem) { Blob(e, opt, pem); };
    if (!config_.ca_data.empty()) {
      blob(CURLOPT_CAINFO_BLOB, config_.ca_data);
    } else if (!config_.ca_file.empty()) {
      curl_easy_setopt(e, CURLOPT_CAINFO, config_.ca_file.c_str());
    }
    if (!config_.cert_data.empty()) {
      blob(CURLOPT_SSLCERT_BLOB, config_.cert_data);
      curl_easy_setopt(e, CURLOPT_SSLCERTTYPE, "PEM");
    } else if (!config_.cert_file.empty()) {
      curl_easy_setopt(e, CURLOPT_SSLCERT, config_.cert_file.c_str());
    }
    if (!config_.key_data.empty()) {
      blob(CURLOPT_SSLKEY_BLOB, config_.key_data);
      curl_easy_setopt(e, CURLOPT_SSLKEYTYPE, "PEM");
    } else if (!config_.key_file.empty()) {
      curl_easy_setopt(e, CURLOPT_SSLKEY, config_.key_file.c_str());
    }
  }

  void Enqueue(std::vector<std::shared_ptr<Transfer>>& queue, std::shared_ptr<Transfer> t) {
    {
      std::lock_guard lock(mu_);
      queue.push_back(std::move(t));
    }
    curl_multi_wakeup(multi_);
  }

  static void Finish(Transfer& t, CURLcode result, bool cancelled) {
    {
      std::lock_guard lock(t.mu);
      t.done = true;
      t.cancelled = cancelled;
      t.result = result;
      if (result != CURLE_OK) {
        t.error_text = t.errbuf[0] ? std::string(t.errbuf) : curl_easy_strerror(result);
      }
    }
    t.cv.notify_all();
  }

  void Detach(const std::shared_ptr<Transfer>& t, CURLcode result, bool cancelled) {
    active_.erase(t->easy);
    curl_multi_remove_handle(multi_, t->easy);
    Finish(*t, result, cancelled);
  }

  void Run() {
    std::vector<std::shared_ptr<Transfer>> add, cancel, resume;
    while (true) {
      bool stopping;
      {
        std::lock_guard lock(mu_);
        add.swap(to_add_);
        cancel.swap(to_cancel_);
        resume.swap(to_resume_);
        stopping = stopping_;
      }
      for (auto& t : add) {
        if (t->cancel_requested) {
          Finish(*t, CURLE_ABORTED_BY_CALLBACK, true);
        } else if (CURLMcode rc = curl_multi_add_handle(multi_, t->easy); rc != CURLM_OK) {
          std::snprintf(t->errbuf, sizeof(t->errbuf), "%s", curl_multi_strerror(rc));
          Finish(*t, CURLE_FAILED_INIT, false);
        } else {
          active_[t->easy] = t;
        }
      }
      for (auto& t : cancel) {
        if (active_.count(t->easy)) Detach(t, CURLE_ABORTED_BY_CALLBACK, true);
      }
      for (auto& t : resume) {
        if (!active_.count(t->easy)) continue;
        {
          std::lock_guard lock(t->mu);
          t->paused = false;
          t->resume_requested = false;
        }
        curl_easy_pause(t->easy, CURLPAUSE_CONT);  // may deliver buffered bytes right here
      }
      add.clear();
      cancel.clear();
      resume.clear();
      if (stopping) {
        while (!active_.empty()) Detach(active_.begin()->second, CURLE_ABORTED_BY_CALLBACK, true);
        return;
      }
      int running = 0;
      curl_multi_perform(multi_, &running);
      int queued = 0;
      while (CURLMsg* msg = curl_multi_info_read(multi_, &queued)) {
        if (msg->msg != CURLMSG_DONE) continue;
        auto it = active_.find(msg->easy_handle);
        if (it == active_.end()) continue;
        auto t = it->second;
        Detach(t, msg->data.result, false);
      }
      // Sleeps until a socket is ready, libcurl's next timeout, or curl_multi_wakeup.
      curl_multi_poll(multi_, nullptr, 0, 1000, nullptr);
    }
  }

  Config config_;
  std::string base_url_;       // shown in errors
  std::string curl_base_url_;  // requested: the host replaced by a tls-server-name
  std::string host_header_;    // with a tls-server-name: the configured host
  curl_slist* connect_to_ = nullptr;
  std::vector<std::string> impersonation_headers_;
  std::string user_agent_;
  CURLM* multi_ = nullptr;
  std::thread thread_;
  std::mutex mu_;
  std::vector<std::shared_ptr<Transfer>> to_add_, to_cancel_, to_resume_;
  bool stopping_ = false;
  std::unordered_map<CURL*, std::shared_ptr<Transfer>> active_;  // loop thread only
};

namespace {

void FireConnectionHooks(const ClientTrace* trace, const Timings& tm) {
  if (!trace) return;
  if (trace->on_got_connection) trace->on_got_connection(ConnectionInfo{tm.reused, tm.remote});
  if (!tm.reused) {
    if (trace->on_dns_done) trace->on_dns_done(tm.dns);
    if (trace->on_connect_done) trace->on_connect_done(tm.connect);
    if (trace->on_tls_handshake_done && tm.tls.count() > 0) trace->on_tls_handshake_done(tm.tls);
  }
  if (trace->on_first_byte) trace->on_first_byte(tm.first_byte);
}

// The error for a transfer that ended without a usable response. Call with t.mu held.
Error TransferError(const Transfer& t, const Context& ctx) {
  if (t.cancelled) return ctx.Err().value_or(Error::Canceled());
  if (t.result == CURLE_OPERATION_TIMEDOUT) {
    Error e = Error::DeadlineExceeded();
    e.message = fmt::format("{} {}: context deadline exceeded ({})", t.method, t.url, t.error_text);
    return e;
  }
  return Error::Transport(fmt::format("{} {}: {}", t.method, t.url, t.error_text));
}

}  // namespace

Result<std::shared_ptr<Transport>> Transport::New(const Config& config) {
  auto credentials = CredentialProviderFor(config);
  if (!credentials) return Fail(credentials.error());
  auto loop = Loop::Start(config);
  if (!loop) return Fail(loop.error());
  return std::shared_ptr<Transport>(new Transport(std::move(*loop), std::move(*credentials)));
}

Transport::~Transport() = default;

Result<Credentials> Transport::CredentialsFor(const Context& ctx) {
  if (!credentials_) return Credentials{};
  return credentials_->Get(ctx);
}

bool Transport::RetryUnauthorized(int status, const Credentials& used, int attempt) {
  // One retry: a provider whose fresh credentials are refused again will not do better.
  return status == 401 && attempt == 0 && credentials_ && credentials_->Invalidate(used);
}

Result<Response> Transport::Perform(const Context& ctx, const Request& req,
                                    std::optional<Context::Clock::time_point> deadline) {
  for (int attempt = 0;; ++attempt) {
    auto credentials = CredentialsFor(ctx);
    if (!credentials) return Fail(credentials.error());
    auto resp = PerformOnce(ctx, req, deadline, *credentials);
    if (resp && RetryUnauthorized(resp->code, *credentials, attempt)) continue;
    return resp;
  }
}

Result<std::unique_ptr<BodyStream>> Transport::Open(
    const Context& ctx, const Request& req, std::optional<Context::Clock::time_point> deadline,
    Response* error_response) {
  for (int attempt = 0;; ++attempt) {
    auto credentials = CredentialsFor(ctx);
    if (!credentials) return Fail(credentials.error());
    *error_response = Response();
    auto stream = OpenOnce(ctx, req, deadline, error_response, *credentials);
    if (!stream && RetryUnauthorized(error_response->code, *credentials, attempt)) continue;
    return stream;
  }
}

Result<Response> Transport::PerformOnce(const Context& ctx, const Request& req,
                                        std::optional<Context::Clock::time_point> deadline,
                                        const Credentials& credentials) {
  if (auto err = ctx.Err()) return Fail(*err);
  auto t = loop_->NewTransfer(req, deadline, /*streaming=*/false, credentials);
  if (!t) return Fail(t.error());
  std::shared_ptr<Transfer> transfer = *t;
  Loop* loop = loop_.get();
  auto registration = ctx.OnCancel([loop, transfer] { loop->Cancel(transfer); });
  loop_->Submit(transfer);
  std::unique_lock lock(transfer->mu);
  transfer->cv.wait(lock, [&] { return transfer->done; });
  lock.unlock();
  registration.Reset();

  const ClientTrace* trace = GetClientTrace(ctx);
  if (transfer->headers_done) FireConnectionHooks(trace, transfer->timings);
  if (transfer->result != CURLE_OK || transfer->cancelled) {
    Error err = TransferError(*transfer, ctx);
    if (trace && trace->on_done) trace->on_done(0, &err);
    return Fail(std::move(err));
  }
  if (trace && trace->on_done) trace->on_done(transfer->status, nullptr);
  Response resp;
  resp.code = transfer->status;
  resp.body = std::move(transfer->body);
  resp.headers = std::move(transfer->headers);
  return resp;
}

Result<std::unique_ptr<BodyStream>> Transport::OpenOnce(
    const Context& ctx, const Request& req, std::optional<Context::Clock::time_point> deadline,
    Response* error_response, const Credentials& credentials) {
  if (auto err = ctx.Err()) return Fail(*err);
  auto t = loop_->NewTransfer(req, deadline, /*streaming=*/true, credentials);
  if (!t) return Fail(t.error());
  std::shared_ptr<Transfer> transfer = *t;
  Loop* loop = loop_.get();
  // Lives as long as the stream: cancelling the opening context ends the watch.
  auto registration = ctx.OnCancel([loop, transfer] { loop->Cancel(transfer); });
  loop_->Submit(transfer);
  std::unique_lock lock(transfer->mu);
  transfer->cv.wait(lock, [&] { return transfer->done || transfer->headers_done; });
  const ClientTrace* trace = GetClientTrace(ctx);
  bool ok_status = transfer->status >= 200 && transfer->status < 300;
  if (transfer->headers_done && !ok_status) {
    // An error status: its body is a Status, read it to the end.
    transfer->cv.wait(lock, [&] { return transfer->done || transfer->paused; });
  }
  if (!transfer->headers_done) {
    Error err = TransferError(*transfer, ctx);
    lock.unlock();
    if (trace && trace->on_done) trace->on_done(0, &err);
    return Fail(std::move(err));
  }
  Timings timings = transfer->timings;
  if (!ok_status) {
    error_response->code = transfer->status;
    error_response->body = transfer->body;
    error_response->headers = transfer->headers;
  }
  lock.unlock();
  FireConnectionHooks(trace, timings);
  if (trace && trace->on_done) trace->on_done(transfer->status, nullptr);
  if (!ok_status) {
    loop_->Cancel(transfer);
    return Fail(Error::FromResponse(error_response->code, error_response->body));
  }
  return std::make_unique<BodyStream>(loop_, std::move(transfer), std::move(registration));
}

}  // namespace kube::rest::internal

namespace kube::rest {

using internal::Transfer;

BodyStream::BodyStream(std::shared_ptr<internal::Loop> loop, std::shared_ptr<Transfer> transfer,
                       Context::Registration registration)
    : loop_(std::move(loop)),
      transfer_(std::move(transfer)),
      registration_(std::move(registration)) {}

BodyStream::~BodyStream() {
  registration_.Reset();
  Close();
}

void BodyStream::Close() {
  {
    std::lock_guard lock(transfer_->mu);
    if (transfer_->done) return;
  }
  loop_->Cancel(transfer_);
}

Result<std::optional<std::string>> BodyStream::ReadLine(const Context& ctx) {
  Transfer& t = *transfer_;
  // Wake this reader if its own context ends (it may differ from the opening one).
  auto wake = ctx.OnCancel([&t] {
    std::lock_guard lock(t.mu);
    t.cv.notify_all();
  });
  auto deadline = ctx.Deadline();
  std::unique_lock lock(t.mu);
  while (true) {
    size_t nl = t.body.find('\n', t.read_pos);
    if (nl != std::string::npos || (t.done && t.read_pos < t.body.size())) {
      size_t end = nl == std::string::npos ? t.body.size() : nl;
      std::string line = t.body.substr(t.read_pos, end - t.read_pos);
      t.read_pos = nl == std::string::npos ? end : nl + 1;
      if (t.read_pos > (1 << 16) && t.read_pos * 2 > t.body.size()) {
        t.body.erase(0, t.read_pos);
        t.read_pos = 0;
      }
      if (t.paused && !t.resume_requested && t.body.size() - t.read_pos < internal::kResumeBelow) {
        t.resume_requested = true;
        lock.unlock();
        loop_->Resume(transfer_);
      }
      if (!line.empty() && line.back() == '\r') line.pop_back();
      return line;
    }
    if (t.done) return std::optional<std::string>();
    // Checked under t.mu: the wake callback needs it to notify, so no cancel is missed.
    if (auto err = ctx.Err()) return Fail(*err);
    if (deadline) {
      t.cv.wait_until(lock, *deadline);
    } else {
      t.cv.wait(lock);
    }
  }
}

}  // namespace kube::rest
