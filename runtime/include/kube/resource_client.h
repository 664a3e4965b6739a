// kube::ResourceClient: the verbs of one resource in one namespace over raw JSON bodies
// (client-go's dynamic client for a single resource). TypedClient<T, TList> is a thin typed
// layer over it; use it directly for kinds known only at run time.
//
//   kube::ResourceClient cm(client, {"", "v1", "configmaps"}, "default");
//   kube::Result<std::string> json = cm.Get(ctx, "settings", {});
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "kube/context.h"
#include "kube/error.h"
#include "kube/group_version.h"
#include "kube/options.h"
#include "kube/rest/body_stream.h"
#include "kube/rest/client.h"

namespace kube {

class ResourceClient {
 public:
  // `ns` empty: cluster-scoped, or every namespace for List/Watch/DeleteCollection.
  ResourceClient(std::shared_ptr<rest::Client> client, GroupVersionResource gvr, std::string ns)
      : client_(std::move(client)), gvr_(std::move(gvr)), namespace_(std::move(ns)) {}

  Result<std::string> Create(const Context& ctx, std::string body, const CreateOptions& opts);
  // PUT to `name` (or its subresource, e.g. "status").
  Result<std::string> Update(const Context& ctx, std::string_view name, std::string body,
                             const UpdateOptions& opts, std::string_view subresource = {});
  Result<void> Delete(const Context& ctx, std::string_view name, const DeleteOptions& opts);
  Result<void> DeleteCollection(const Context& ctx, const DeleteOptions& opts,
                                const ListOptions& list_opts);
  Result<std::string> Get(const Context& ctx, std::string_view name, const GetOptions& opts,
                          std::string_view subresource = {});
  Result<std::string> List(const Context& ctx, const ListOptions& opts);
  Result<std::unique_ptr<rest::BodyStream>> Watch(const Context& ctx, const ListOptions& opts);
  Result<std::string> Patch(const Context& ctx, std::string_view name, PatchType type,
                            std::string_view data, const PatchOptions& opts,
                            const std::vector<std::string>& subresources = {});

  const GroupVersionResource& resource() const { return gvr_; }
  const std::string& namespace_name() const { return namespace_; }
  const std::shared_ptr<rest::Client>& rest_client() const { return client_; }

 private:
  rest::Request NewRequest(std::string method) const;

  std::shared_ptr<rest::Client> client_;
  GroupVersionResource gvr_;
  std::string namespace_;
};

}  // namespace kube
