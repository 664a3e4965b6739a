#include "kube/resource_client.h"

#include <nlohmann/json.hpp>

namespace kube {
namespace {

Result<std::string> Body(Result<rest::Response> resp) {
  if (!resp) return Fail(std::move(resp.error()));
  return std::move(resp->body);
}

Result<void> Discard(Result<rest::Response> resp) {
  if (!resp) return Fail(std::move(resp.error()));
  return {};
}

Result<void> RequireName(std::string_view name) {
  if (name.empty()) return Fail(Error::InvalidArgument("resource name may not be empty"));
  return {};
}

}  // namespace

rest::Request ResourceClient::NewRequest(std::string method) const {
  rest::Request req(std::move(method));
  req.Prefix(gvr_.ToGroupVersion()).Namespace(namespace_).Resource(gvr_.resource);
  return req;
}

Result<std::string> ResourceClient::Create(const Context& ctx, std::string body,
                                           const CreateOptions& opts) {
  auto req = NewRequest("POST");
  req.Params(ToQuery(opts)).Body(std::move(body));
  return Body(client_->Do(ctx, req));
}

Result<std::string> ResourceClient::Update(const Context& ctx, std::string_view name,
                                           std::string body, const UpdateOptions& opts,
                                           std::string_view subresource) {
  if (auto ok = RequireName(name); !ok) return Fail(ok.error());
  auto req = NewRequest("PUT");
  req.Name(name);
  if (!subresource.empty()) req.SubResource(subresource);
  req.Params(ToQuery(opts)).Body(std::move(body));
  return Body(client_->Do(ctx, req));
}

Result<void> ResourceClient::Delete(const Context& ctx, std::string_view name,
                                    const DeleteOptions& opts) {
  if (auto ok = RequireName(name); !ok) return Fail(ok.error());
  auto req = NewRequest("DELETE");
  req.Name(name).Params(ToQuery(opts)).Body(nlohmann::json(opts).dump());
  return Discard(client_->Do(ctx, req));
}

Result<void> ResourceClient::DeleteCollection(const Context& ctx, const DeleteOptions& opts,
                                              const ListOptions& list_opts) {
  auto req = NewRequest("DELETE");
  req.Params(ToQuery(list_opts)).Params(ToQuery(opts)).Body(nlohmann::json(opts).dump());
  return Discard(client_->Do(ctx, req));
}

Result<std::string> ResourceClient::Get(const Context& ctx, std::string_view name,
                                        const GetOptions& opts, std::string_view subresource) {
  if (auto ok = RequireName(name); !ok) return Fail(ok.error());
  auto req = NewRequest("GET");
  req.Name(name);
  if (!subresource.empty()) req.SubResource(subresource);
  req.Params(ToQuery(opts));
  return Body(client_->Do(ctx, req));
}

Result<std::string> ResourceClient::List(const Context& ctx, const ListOptions& opts) {
  auto req = NewRequest("GET");
  ListOptions o = opts;
  o.watch = false;
  req.Params(ToQuery(o));
  return Body(client_->Do(ctx, req));
}

Result<std::unique_ptr<rest::BodyStream>> ResourceClient::Watch(const Context& ctx,
                                                                const ListOptions& opts) {
  auto req = NewRequest("GET");
  ListOptions o = opts;
  o.watch = true;
  req.Params(ToQuery(o));
  return client_->Stream(ctx, req);
}

Result<std::string> ResourceClient::Patch(const Context& ctx, std::string_view name, PatchType type,
                                          std::string_view data, const PatchOptions& opts,
                                          const std::vector<std::string>& subresources) {
  if (auto ok = RequireName(name); !ok) return Fail(ok.error());
  auto req = NewRequest("PATCH");
  req.Name(name);
  for (const auto& s : subresources) req.SubResource(s);
  req.Params(ToQuery(opts)).Body(std::string(data), std::string(ContentType(type)));
  return Body(client_->Do(ctx, req));
}

}  // namespace kube
