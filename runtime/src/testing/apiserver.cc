#include "kube/testing/apiserver.h"

#include <fmt/format.h>
#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <set>
#include <thread>

#include "apiserver_transport.h"
#include "kube/testing/fake.h"  // ScaleOf
#include "kube/testing/openapi.h"
#include "kube/testing/scale_subresource.h"

namespace kube::testing {
namespace {

constexpr size_t kMaxRecorded = 10000;
constexpr auto kWatchPoll = std::chrono::milliseconds(100);

std::vector<std::string> Split(std::string_view path) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start < path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    if (slash > start) out.emplace_back(path.substr(start, slash - start));
    start = slash + 1;
  }
  return out;
}

// Like kube-apiserver, compress only large responses: cpp-httplib gzips "application/json"
// whenever the client accepts it, and setting up zlib costs more than a small body saves.
constexpr size_t kCompressAbove = 128 * 1024;

void SendJSON(httplib::Response& res, int code, const json& body) {
  res.status = code;
  // Names from URL paths reach messages undecoded and need not be UTF-8.
  std::string text = body.dump(-1, ' ', false, json::error_handler_t::replace);
  const char* type =
      text.size() > kCompressAbove ? "application/json" : "application/json; charset=utf-8";
  res.set_content(std::move(text), type);
}

void SendError(httplib::Response& res, const Error& err) {
  res.status = err.code != 0 ? err.code : 500;
  if (err.details.retry_after_seconds > 0) {
    res.set_header("Retry-After", std::to_string(err.details.retry_after_seconds));
  }
  res.set_content(err.ToStatusJSON(), "application/json; charset=utf-8");
}

// Health checks answer without authentication, so probes need no credentials.
bool HealthCheck(const httplib::Request& req) {
  return req.path == "/healthz" || req.path == "/livez" || req.path == "/readyz";
}

Error NoSuchPath() {
  Error e = Error::NotFound("", "");
  e.message = "the server could not find the requested resource";
  e.details = {};
  return e;
}

QueryParams QueryOf(const httplib::Request& req) {
  QueryParams q;
  for (const auto& [k, v] : req.params) q.emplace_back(k, v);
  return q;
}

std::vector<std::string> DryRunOf(const QueryParams& q) {
  std::vector<std::string> out;
  for (const auto& [k, v] : q) {
    if (k == "dryRun") out.push_back(v);
  }
  return out;
}

std::optional<PatchType> PatchTypeOf(std::string_view content_type) {
  auto semi = content_type.find(';');
  content_type = content_type.substr(0, semi);
  for (auto t : {PatchType::kJsonPatch, PatchType::kMergePatch, PatchType::kStrategicMergePatch,
                 PatchType::kApplyPatch}) {
    if (content_type == ContentType(t)) return t;
  }
  return std::nullopt;
}

Error UnknownPatchType() {
  return Error::UnsupportedMediaType(fmt::format(
      "the body of the request was in an unknown format - accepted media types include: {}, {}, "
      "{}, {}",
      ContentType(PatchType::kJsonPatch), ContentType(PatchType::kMergePatch),
      ContentType(PatchType::kStrategicMergePatch), ContentType(PatchType::kApplyPatch)));
}

PatchOptions PatchOptionsOf(const QueryParams& q) {
  PatchOptions opts;
  opts.dry_run = DryRunOf(q);
  for (const auto& [k, v] : q) {
    if (k == "fieldManager") opts.field_manager = v;
    if (k == "fieldValidation") opts.field_validation = v;
    if (k == "force") opts.force = v == "true" || v == "1";
  }
  return opts;
}

// The short names kube-apiserver gives its built-in resources, which OpenAPI documents do not
// carry: kinds loaded from swagger.json get them, so `kubectl get deploy` works.
std::vector<std::string> ShortNames(const KindInfo& k) {
  if (!k.short_names.empty()) return k.short_names;
  static const std::map<std::pair<std::string, std::string>, std::vector<std::string>> kBuiltin = {
      {{"", "configmaps"}, {"cm"}},
      {{"", "endpoints"}, {"ep"}},
      {{"", "events"}, {"ev"}},
      {{"", "limitranges"}, {"limits"}},
      {{"", "namespaces"}, {"ns"}},
      {{"", "nodes"}, {"no"}},
      {{"", "persistentvolumeclaims"}, {"pvc"}},
      {{"", "persistentvolumes"}, {"pv"}},
      {{"", "pods"}, {"po"}},
      {{"", "replicationcontrollers"}, {"rc"}},
      {{"", "resourcequotas"}, {"quota"}},
      {{"", "serviceaccounts"}, {"sa"}},
      {{"", "services"}, {"svc"}},
      {{"apiextensions.k8s.io", "customresourcedefinitions"}, {"crd", "crds"}},
      {{"apps", "daemonsets"}, {"ds"}},
      {{"apps", "deployments"}, {"deploy"}},
      {{"apps", "replicasets"}, {"rs"}},
      {{"apps", "statefulsets"}, {"sts"}},
      {{"autoscaling", "horizontalpodautoscalers"}, {"hpa"}},
      {{"batch", "cronjobs"}, {"cj"}},
      {{"certificates.k8s.io", "certificatesigningrequests"}, {"csr"}},
      {{"events.k8s.io", "events"}, {"ev"}},
      {{"networking.k8s.io", "ingresses"}, {"ing"}},
      {{"networking.k8s.io", "networkpolicies"}, {"netpol"}},
      {{"policy", "poddisruptionbudgets"}, {"pdb"}},
      {{"scheduling.k8s.io", "priorityclasses"}, {"pc"}},
      {{"storage.k8s.io", "storageclasses"}, {"sc"}},
  };
  auto it = kBuiltin.find({k.gvk.group, k.plural});
  return it == kBuiltin.end() ? std::vector<std::string>{} : it->second;
}

std::vector<std::string> DiscoveryVerbs(const KindInfo& k) {
  static const std::vector<std::string> kAll = {"create", "delete", "deletecollection", "get",
                                                "list",   "patch",  "update",           "watch"};
  if (k.verbs.empty()) return kAll;
  std::vector<std::string> out;
  for (const auto& v : kAll) {
    if (k.HasVerb(v)) out.push_back(v);
  }
  return out;
}

// Where a request points, once its path is parsed.
struct Target {
  GroupVersionResource gvr;
  std::string ns;
  std::string name;
  std::string subresource;
  const KindInfo* kind = nullptr;
};

}  // namespace

class APIServer::Impl {
 public:
  Impl(const Scheme& scheme, APIServerOptions options, std::shared_ptr<ObjectTracker> tracker)
      : scheme_(scheme), options_(std::move(options)), tracker_(std::move(tracker)) {}

  Result<void> Start() {
    auto server = NewHTTPServer(options_);
    if (!server) return Fail(server.error());
    server_ = std::move(*server);
    int threads = options_.worker_threads;
    server_->new_task_queue = [threads] { return new httplib::ThreadPool(threads); };
    server_->set_keep_alive_max_count(1000000);
    server_->set_keep_alive_timeout(2);
    // Without it, Nagle's algorithm holds the body back behind the headers until the client's
    // delayed ACK (~40 ms) on every keep-alive request.
    server_->set_tcp_nodelay(true);
    auto handler = [this](const httplib::Request& req, httplib::Response& res) { Serve(req, res); };
    server_->Get(".*", handler);
    server_->Post(".*", handler);
    server_->Put(".*", handler);
    server_->Patch(".*", handler);
    server_->Delete(".*", handler);
    if (options_.port == 0) {
      port_ = server_->bind_to_any_port(options_.host);
    } else {
      port_ = server_->bind_to_port(options_.host, options_.port) ? options_.port : -1;
    }
    if (port_ <= 0) {
      return Fail(
          Error::Transport(fmt::format("cannot listen on {}:{}", options_.host, options_.port)));
    }
    thread_ = std::thread([this] { server_->listen_after_bind(); });
    // cpp-httplib's stop() does nothing until the listen thread has marked itself running, so
    // a Stop() right after Start() would leave that thread in accept() forever: wait for it.
    auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!server_->is_running()) {
      if (std::chrono::steady_clock::now() > give_up) {
        return Fail(Error::Transport("the test API server did not start listening within 10 s"));
      }
      std::this_thread::sleep_for(std::chrono::microseconds(100));
    }
    return {};
  }

  void Stop() {
    {
      std::lock_guard lock(mu_);
      if (stopping_) return;
      stopping_ = true;
      for (const auto& s : watches_) s->Stop();
    }
    stop_cv_.notify_all();
    if (server_) server_->stop();
    if (thread_.joinable()) thread_.join();
  }

  std::string URL() const {
    return fmt::format("{}://{}:{}", options_.tls_cert_file.empty() ? "http" : "https",
                       options_.host, port_);
  }
  int Port() const { return port_; }

  int AddFault(Fault f) {
    std::lock_guard lock(mu_);
    faults_.emplace_back(next_fault_id_, std::move(f));
    return next_fault_id_++;
  }
  void RemoveFault(int id) {
    std::lock_guard lock(mu_);
    std::erase_if(faults_, [&](const auto& p) { return p.first == id; });
  }
  void ClearFaults() {
    std::lock_guard lock(mu_);
    faults_.clear();
  }
  std::vector<RecordedRequest> Requests() const {
    std::lock_guard lock(mu_);
    return {requests_.begin(), requests_.end()};
  }
  int64_t RequestCount() const {
    std::lock_guard lock(mu_);
    return request_count_;
  }
  void ClearRequests() {
    std::lock_guard lock(mu_);
    requests_.clear();
    request_count_ = 0;
  }
  int ActiveWatches() const {
    std::lock_guard lock(mu_);
    return static_cast<int>(watches_.size());
  }

 private:
  void Serve(const httplib::Request& req, httplib::Response& res) {
    bool watch = req.has_param("watch") &&
                 (req.get_param_value("watch") == "true" || req.get_param_value("watch") == "1");
    std::optional<Fault> fault = Record(req, watch);
    if (AuthenticationRequired(options_) && !Authenticated(options_, req) && !HealthCheck(req)) {
      Error e = Error::Unauthorized("Unauthorized");
      e.details = {};
      return SendError(res, e);
    }
    if (fault) {
      if (fault->latency.count() > 0) {
        std::unique_lock lock(mu_);
        if (stop_cv_.wait_for(lock, fault->latency, [&] { return stopping_; })) return;
      }
      if (fault->drop_connection) {
        // Headers promise a body that never comes: the client sees the connection cut.
        res.set_content_provider(1 << 20, "application/json",
                                 [](size_t, size_t, httplib::DataSink&) { return false; });
        return;
      }
      if (fault->status != 0 && !fault->body.empty()) {
        res.status = fault->status;
        if (fault->retry_after_seconds > 0) {
          res.set_header("Retry-After", std::to_string(fault->retry_after_seconds));
        }
        res.set_content(fault->body, fault->content_type);
        return;
      }
      if (fault->status != 0) {
        Error e = Error::FromResponse(fault->status, "");
        e.message = fmt::format("injected fault: HTTP {}", fault->status);
        e.details.retry_after_seconds = fault->retry_after_seconds;
        SendError(res, e);
        return;
      }
    }
    auto segs = Split(req.path);
    if (segs.empty()) {
      return SendJSON(res, 200,
                      {{"paths", {"/api", "/apis", "/openapi/v2", "/openapi/v3", "/version"}}});
    }
    if (segs[0] == "openapi") return ServeOpenAPI(req, res, segs);
    if (segs.size() == 1) {
      const std::string& s = segs[0];
      if (s == "healthz" || s == "livez" || s == "readyz")
        return res.set_content("ok", "text/plain");
      if (s == "version") return SendJSON(res, 200, Version());
      if (s == "api") return SendJSON(res, 200, CoreVersions());
      if (s == "apis") return SendJSON(res, 200, Groups());
    }
    auto target = Parse(segs);
    if (!target) return SendError(res, target.error());
    if (target->gvr.resource.empty()) {
      auto list = Resources(target->gvr.ToGroupVersion());
      if (!list) return SendError(res, list.error());
      return SendJSON(res, 200, *list);
    }
    ServeResource(req, res, *target, watch, fault ? fault->cut_watch_after_events : -1);
  }

  // /openapi/v2 (JSON, or the protobuf kubectl asks for), /openapi/v3 and /openapi/v3/<gv>.
  void ServeOpenAPI(const httplib::Request& req, httplib::Response& res,
                    const std::vector<std::string>& segs) {
    if (req.method != "GET") return SendError(res, Error::MethodNotAllowed("GET only"));
    const OpenAPISpec& spec = Spec();
    if (segs.size() == 2 && segs[1] == "v2") {
      bool protobuf = false;
      for (size_t i = 0; i < req.get_header_value_count("Accept"); ++i) {
        protobuf |= req.get_header_value("Accept", i).find("protobuf") != std::string::npos;
      }
      if (protobuf) {
        res.status = 200;
        res.set_content(spec.V2Protobuf(),
                        "application/com.github.proto-openapi.spec.v2.v1.0+protobuf");
        return;
      }
      return SendJSON(res, 200, spec.V2());
    }
    if (segs.size() >= 2 && segs[1] == "v3") {
      if (segs.size() == 2) return SendJSON(res, 200, spec.V3Index());
      std::string path;
      for (size_t i = 2; i < segs.size(); ++i) path += (i > 2 ? "/" : "") + segs[i];
      if (const json* doc = spec.V3(path)) return SendJSON(res, 200, *doc);
    }
    SendError(res, NoSuchPath());
  }

  // Built on first use: the whole Kubernetes API takes a moment, and most tests never ask.
  const OpenAPISpec& Spec() {
    std::call_once(spec_once_, [this] { spec_ = std::make_unique<OpenAPISpec>(scheme_); });
    return *spec_;
  }

  std::optional<Fault> Record(const httplib::Request& req, bool watch) {
    RecordedRequest r{req.method, req.path, {}, {}};
    for (const auto& [k, v] : req.params) {
      r.query += (r.query.empty() ? "" : "&") + k + "=" + v;
    }
    for (const char* h : {"User-Agent", "Authorization", "Content-Type", "Accept", "traceparent"}) {
      if (req.has_header(h)) {
        std::string key = h;
        std::transform(key.begin(), key.end(), key.begin(), ::tolower);
        r.headers[key] = req.get_header_value(h);
      }
    }
    std::lock_guard lock(mu_);
    ++request_count_;
    requests_.push_back(std::move(r));
    if (requests_.size() > kMaxRecorded) requests_.pop_front();
    for (auto it = faults_.begin(); it != faults_.end(); ++it) {
      Fault& f = it->second;
      if (!f.method.empty() && f.method != req.method) continue;
      if (!f.path_prefix.empty() && !req.path.starts_with(f.path_prefix)) continue;
      if (f.watch_only && !watch) continue;
      Fault hit = f;
      if (f.times > 0 && --f.times == 0) faults_.erase(it);
      return hit;
    }
    return std::nullopt;
  }

  json Version() const {
    return {{"major", "1"},
            {"minor", "30"},
            {"gitVersion", "v1.30.0+kube-clientgen-testserver"},
            {"platform", "linux/amd64"},
            {"goVersion", "n/a"},
            {"compiler", "n/a"}};
  }

  json CoreVersions() const {
    json versions = json::array();
    for (const auto& gv : scheme_.GroupVersions()) {
      if (gv.group.empty()) versions.push_back(gv.version);
    }
    return {{"kind", "APIVersions"},
            {"versions", versions},
            {"serverAddressByClientCIDRs",
             {{{"clientCIDR", "0.0.0.0/0"},
               {"serverAddress", fmt::format("{}:{}", options_.host, port_)}}}}};
  }

  json Groups() const {
    std::map<std::string, json> by_group;
    for (const auto& gv : scheme_.GroupVersions()) {
      if (gv.group.empty()) continue;
      json& g = by_group[gv.group];
      if (g.is_null()) g = {{"name", gv.group}, {"versions", json::array()}};
      json v = {{"groupVersion", gv.ApiVersion()}, {"version", gv.version}};
      g["versions"].push_back(v);
      if (!g.contains("preferredVersion")) g["preferredVersion"] = v;
    }
    json groups = json::array();
    for (auto& [name, g] : by_group) groups.push_back(std::move(g));
    return {{"kind", "APIGroupList"}, {"apiVersion", "v1"}, {"groups", groups}};
  }

  Result<json> Resources(const GroupVersion& gv) const {
    json resources = json::array();
    for (const KindInfo* k : scheme_.Kinds()) {
      if (k->gvk.ToGroupVersion() != gv) continue;
      json r = {{"name", k->plural},
                {"singularName", k->singular},
                {"namespaced", k->namespaced},
                {"kind", k->gvk.kind},
                {"verbs", DiscoveryVerbs(*k)}};
      if (auto short_names = ShortNames(*k); !short_names.empty()) r["shortNames"] = short_names;
      resources.push_back(r);
      for (const auto& sub : k->subresources) {
        json s = {{"name", k->plural + "/" + sub},
                  {"singularName", ""},
                  {"namespaced", k->namespaced},
                  {"kind", k->gvk.kind},
                  {"verbs", {"get", "patch", "update"}}};
        if (sub == "scale") {
          s["kind"] = "Scale";
          s["group"] = "autoscaling";
          s["version"] = "v1";
        }
        resources.push_back(s);
      }
    }
    if (resources.empty()) return Fail(NoSuchPath());
    return json{{"kind", "APIResourceList"},
                {"apiVersion", "v1"},
                {"groupVersion", gv.ApiVersion()},
                {"resources", resources}};
  }

  Result<Target> Parse(const std::vector<std::string>& segs) const {
    Target t;
    size_t i;
    if (segs[0] == "api" && segs.size() >= 2) {
      t.gvr.version = segs[1];
      i = 2;
    } else if (segs[0] == "apis" && segs.size() >= 3) {
      t.gvr.group = segs[1];
      t.gvr.version = segs[2];
      i = 3;
    } else {
      return Fail(NoSuchPath());
    }
    std::vector<std::string> rest(segs.begin() + static_cast<long>(i), segs.end());
    if (rest.empty()) return t;  // discovery of the group version
    bool namespace_sub = rest[0] == "namespaces" && rest.size() == 3 &&
                         (rest[2] == "status" || rest[2] == "finalize");
    if (rest[0] == "namespaces" && rest.size() >= 3 && !namespace_sub) {
      t.ns = rest[1];
      rest.erase(rest.begin(), rest.begin() + 2);
    }
    if (rest.size() > 3) return Fail(NoSuchPath());
    t.gvr.resource = rest[0];
    if (rest.size() >= 2) t.name = rest[1];
    if (rest.size() == 3) t.subresource = rest[2];
    t.kind = scheme_.ByResource(t.gvr);
    if (!t.kind) return Fail(NoSuchPath());
    if (!t.kind->namespaced && !t.ns.empty()) return Fail(NoSuchPath());
    if (t.kind->namespaced && t.ns.empty() && !t.name.empty()) return Fail(NoSuchPath());
    if (!t.subresource.empty() && !t.kind->HasSubresource(t.subresource)) return Fail(NoSuchPath());
    return t;
  }

  Result<json> Body(const httplib::Request& req) const {
    json body = json::parse(req.body, nullptr, false);
    if (body.is_discarded()) {
      return Fail(Error::BadRequest("the request body is not valid JSON"));
    }
    return body;
  }

  void ServeResource(const httplib::Request& req, httplib::Response& res, const Target& t,
                     bool watch, int cut_after) {
    ObjectTracker& tr = *tracker_;
    const KindInfo& k = *t.kind;
    QueryParams query = QueryOf(req);
    auto deny = [&](std::string_view verb) {
      SendError(res, Error::MethodNotAllowed(
                         fmt::format("{} is not allowed on {}", verb, t.gvr.GroupResource())));
    };
    auto reply = [&](const Result<json>& r, int code = 200) {
      if (!r) return SendError(res, r.error());
      SendJSON(res, code, *r);
    };
    const std::string& m = req.method;
    if (t.name.empty()) {
      if (m == "GET" && watch) {
        if (!k.HasVerb("watch")) return deny("watch");
        return ServeWatch(res, t, ListOptionsFromQuery(query), cut_after);
      }
      if (m == "GET") {
        if (!k.HasVerb("list")) return deny("list");
        return reply(tr.List(t.gvr, t.ns, ListOptionsFromQuery(query)));
      }
      if (m == "POST") {
        if (!k.HasVerb("create")) return deny("create");
        auto body = Body(req);
        if (!body) return SendError(res, body.error());
        CreateOptions opts;
        opts.dry_run = DryRunOf(query);
        return reply(tr.Create(t.gvr, t.ns, std::move(*body), opts), 201);
      }
      if (m == "DELETE") {
        if (!k.HasVerb("deletecollection")) return deny("deletecollection");
        auto opts = DeleteOptionsOf(req, query);
        if (!opts) return SendError(res, opts.error());
        return reply(tr.DeleteCollection(t.gvr, t.ns, *opts, ListOptionsFromQuery(query)));
      }
      return deny(m);
    }
    if (t.subresource == "scale") return ServeScale(req, res, t, query);
    if (m == "GET") {
      if (!k.HasVerb("get")) return deny("get");
      return reply(tr.Get(t.gvr, t.ns, t.name));
    }
    if (m == "PUT") {
      if (!k.HasVerb("update")) return deny("update");
      auto body = Body(req);
      if (!body) return SendError(res, body.error());
      if (!body->is_object())
        return SendError(res, Error::BadRequest("the body must be an object"));
      std::string body_name = body->value("/metadata/name"_json_pointer, std::string());
      if (body_name.empty()) {
        (*body)["metadata"]["name"] = t.name;
      } else if (body_name != t.name) {
        return SendError(res,
                         Error::BadRequest(fmt::format(
                             "the name of the object ({}) does not match the name on the URL ({})",
                             body_name, t.name)));
      }
      UpdateOptions opts;
      opts.dry_run = DryRunOf(query);
      return reply(tr.Update(t.gvr, t.ns, std::move(*body), opts, t.subresource));
    }
    if (m == "PATCH") {
      if (!k.HasVerb("patch")) return deny("patch");
      auto type = PatchTypeOf(req.get_header_value("Content-Type"));
      if (!type) return SendError(res, UnknownPatchType());
      return reply(
          tr.Patch(t.gvr, t.ns, t.name, *type, req.body, PatchOptionsOf(query), t.subresource));
    }
    if (m == "DELETE") {
      if (!k.HasVerb("delete")) return deny("delete");
      auto opts = DeleteOptionsOf(req, query);
      if (!opts) return SendError(res, opts.error());
      return reply(tr.Delete(t.gvr, t.ns, t.name, *opts));
    }
    deny(m);
  }

  // DeleteOptions from the body (client-go) merged with the query (kubectl, curl).
  Result<DeleteOptions> DeleteOptionsOf(const httplib::Request& req,
                                        const QueryParams& query) const {
    DeleteOptions opts;
    if (!req.body.empty()) {
      json body = json::parse(req.body, nullptr, false);
      if (body.is_discarded() || !body.is_object()) {
        return Fail(Error::BadRequest("the DeleteOptions body is not a JSON object"));
      }
      try {
        body.get_to(opts);
      } catch (const json::exception& e) {
        return Fail(Error::BadRequest(fmt::format("invalid DeleteOptions: {}", e.what())));
      }
    }
    for (const auto& d : DryRunOf(query)) opts.dry_run.push_back(d);
    for (const auto& [k, v] : query) {
      if (k == "propagationPolicy") opts.propagation_policy = v;
      if (k == "gracePeriodSeconds") opts.grace_period_seconds = std::atoll(v.c_str());
    }
    return opts;
  }

  void ServeScale(const httplib::Request& req, httplib::Response& res, const Target& t,
                  const QueryParams& query) {
    ObjectTracker& tr = *tracker_;
    auto obj = tr.Get(t.gvr, t.ns, t.name);
    if (!obj) return SendError(res, obj.error());
    if (req.method == "GET") return SendJSON(res, 200, ScaleOf(*obj));
    if (req.method == "PATCH") {
      if (!t.kind->HasVerb("patch")) {
        return SendError(res, Error::MethodNotAllowed("patch is not allowed on " +
                                                      t.gvr.GroupResource() + "/scale"));
      }
      auto type = PatchTypeOf(req.get_header_value("Content-Type"));
      if (!type) return SendError(res, UnknownPatchType());
      auto scale = tr.Patch(t.gvr, t.ns, t.name, *type, req.body, PatchOptionsOf(query), "scale");
      if (!scale) return SendError(res, scale.error());
      return SendJSON(res, 200, *scale);
    }
    if (req.method != "PUT") {
      return SendError(
          res, Error::MethodNotAllowed("the scale subresource supports GET, PUT and PATCH"));
    }
    auto body = Body(req);
    if (!body) return SendError(res, body.error());
    auto next = WithScale(*obj, *body, t.name);
    if (!next) return SendError(res, next.error());
    if (!body->contains("/metadata/resourceVersion"_json_pointer)) {
      (*next)["metadata"]["resourceVersion"] = (*obj)["metadata"]["resourceVersion"];
    }
    UpdateOptions opts;
    opts.dry_run = DryRunOf(query);
    auto updated = tr.Update(t.gvr, t.ns, std::move(*next), opts);
    if (!updated) return SendError(res, updated.error());
    SendJSON(res, 200, ScaleOf(*updated));
  }

  void ServeWatch(httplib::Response& res, const Target& t, ListOptions opts, int cut_after) {
    auto sub = tracker_->Watch(t.gvr, t.ns, opts);
    std::optional<Error> gone;
    if (!sub) {
      if (!IsGone(sub.error())) return SendError(res, sub.error());
      gone = sub.error();  // as the API server: 200, then one ERROR event
    } else {
      std::lock_guard lock(mu_);
      if (stopping_)
        return SendError(res, Error::ServiceUnavailable("the server is shutting down"));
      watches_.insert(*sub);
    }
    std::shared_ptr<WatchSubscription> subscription = sub ? *sub : nullptr;
    auto deadline =
        opts.timeout_seconds
            ? std::optional(Context::Clock::now() + std::chrono::seconds(*opts.timeout_seconds))
            : std::nullopt;
    // The API server's watch media type; also keeps cpp-httplib from gzip-buffering the stream.
    res.set_chunked_content_provider(
        "application/json;stream=watch",
        [this, subscription, gone, deadline, cut_after, t, opts](size_t, httplib::DataSink& sink) {
          if (gone) {
            std::string line =
                EncodeWatchEvent(WatchEventType::kError, gone->ToStatusJSON()) + "\n";
            sink.write(line.data(), line.size());
            sink.done();
            return true;
          }
          return StreamEvents(*subscription, sink, t, opts, deadline, cut_after);
        },
        [this, subscription](bool) {
          if (!subscription) return;
          subscription->Stop();
          std::lock_guard lock(mu_);
          watches_.erase(subscription);
        });
  }

  // Writes events until the watch times out, the client goes away, the server stops, or a
  // fault cuts it (returning false drops the connection without the final chunk).
  bool StreamEvents(WatchSubscription& sub, httplib::DataSink& sink, const Target& t,
                    const ListOptions& opts, std::optional<Context::Clock::time_point> deadline,
                    int cut_after) {
    int sent = 0;
    auto next_bookmark = Context::Clock::now() + options_.bookmark_interval;
    std::string batch;
    while (sink.is_writable()) {
      auto now = Context::Clock::now();
      if (deadline && now >= *deadline) break;
      auto wake = now + kWatchPoll;
      if (deadline) wake = std::min(wake, *deadline);
      if (opts.allow_watch_bookmarks) wake = std::min(wake, next_bookmark);
      // Read before waiting: if nothing arrives, every event up to it has been written.
      int64_t rv = tracker_->ResourceVersion();
      auto first = sub.Next(Context::Background(), wake);
      if (sub.Stopped()) break;
      batch.clear();
      if (first) {
        std::vector<TrackedEvent> evs;
        evs.push_back(std::move(*first));
        for (auto& e : sub.Drain(511)) evs.push_back(std::move(e));
        for (const auto& e : evs) {
          if (cut_after >= 0 && sent >= cut_after) {
            if (!batch.empty()) sink.write(batch.data(), batch.size());
            return false;
          }
          batch += EncodeWatchEvent(e.type, e.object.dump());
          batch += '\n';
          ++sent;
        }
      } else if (opts.allow_watch_bookmarks && Context::Clock::now() >= next_bookmark) {
        json mark = {{"apiVersion", t.kind->gvk.ApiVersion()},
                     {"kind", t.kind->gvk.kind},
                     {"metadata", {{"resourceVersion", std::to_string(rv)}}}};
        batch = EncodeWatchEvent(WatchEventType::kBookmark, mark.dump()) + "\n";
        next_bookmark = Context::Clock::now() + options_.bookmark_interval;
      }
      if (!batch.empty() && !sink.write(batch.data(), batch.size())) return false;
      if (cut_after >= 0 && sent >= cut_after) return false;
    }
    sink.done();
    return true;
  }

  Scheme scheme_;
  APIServerOptions options_;
  std::shared_ptr<ObjectTracker> tracker_;
  std::unique_ptr<httplib::Server> server_;  // set by Start
  std::thread thread_;
  int port_ = 0;

  mutable std::mutex mu_;
  std::condition_variable stop_cv_;
  bool stopping_ = false;
  std::vector<std::pair<int, Fault>> faults_;
  int next_fault_id_ = 1;
  std::deque<RecordedRequest> requests_;
  int64_t request_count_ = 0;
  std::set<std::shared_ptr<WatchSubscription>> watches_;
  std::once_flag spec_once_;
  std::unique_ptr<OpenAPISpec> spec_;
};

APIServer::APIServer(const Scheme& scheme, APIServerOptions options)
    : tracker_(std::make_shared<ObjectTracker>(scheme, options.watch_history)) {
  impl_ = std::make_unique<Impl>(scheme, std::move(options), tracker_);
}

APIServer::~APIServer() { Stop(); }

Result<void> APIServer::Start() { return impl_->Start(); }
void APIServer::Stop() { impl_->Stop(); }
std::string APIServer::URL() const { return impl_->URL(); }
int APIServer::Port() const { return impl_->Port(); }
int APIServer::AddFault(Fault fault) { return impl_->AddFault(std::move(fault)); }
void APIServer::RemoveFault(int id) { impl_->RemoveFault(id); }
void APIServer::ClearFaults() { impl_->ClearFaults(); }
std::vector<RecordedRequest> APIServer::Requests() const { return impl_->Requests(); }
int64_t APIServer::RequestCount() const { return impl_->RequestCount(); }
void APIServer::ClearRequests() { impl_->ClearRequests(); }
int APIServer::ActiveWatches() const { return impl_->ActiveWatches(); }

}  // namespace kube::testing
