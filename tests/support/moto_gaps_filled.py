#!/usr/bin/env python3
"""moto's server, with the two operations moto 5.2 lacks that destroying the example needs.

    python3 tests/support/moto_gaps_filled.py -H 127.0.0.1 -p 0

moto answers DeleteKeyGroup (CloudFront) and DeleteCacheSubnetGroup (ElastiCache) with a 500
"not implemented", so the whole example's destroy cannot be played on it. These two are added
here as AWS documents them (the object is removed; deleting a key group a distribution still
uses, or a subnet group a cluster still uses, is refused), and nothing else of moto changes.
Where moto already has an operation (a later moto), its own is kept.
"""

import sys

from moto.cloudfront.responses import CloudFrontResponse
from moto.elasticache.responses import ElastiCacheResponse


def cloudfront_delete_key_group(self):
    group_id = self.path.rstrip("/").split("/")[-1]
    backend = self.backend
    if group_id not in backend.key_groups:
        return 404, {}, ("<ErrorResponse><Error><Type>Sender</Type><Code>NoSuchResource</Code>"
                         "<Message>The specified key group does not exist.</Message></Error>"
                         "</ErrorResponse>")
    for distribution in backend.distributions.values():
        config = distribution.distribution_config
        behaviours = [config.DefaultCacheBehavior] + list(config.CacheBehaviors.get("Items", []))
        for behaviour in behaviours:
            if group_id in behaviour.trusted_key_groups.items:
                return 409, {}, ("<ErrorResponse><Error><Type>Sender</Type>"
                                 "<Code>ResourceInUse</Code><Message>The key group is in use."
                                 "</Message></Error></ErrorResponse>")
    del backend.key_groups[group_id]
    return 204, {}, ""


def elasticache_delete_cache_subnet_group(self):
    name = self._get_param("CacheSubnetGroupName")
    backend = self.elasticache_backend
    if name not in backend.cache_subnet_groups:
        return 404, {}, ("<ErrorResponse><Error><Type>Sender</Type>"
                         "<Code>CacheSubnetGroupNotFoundFault</Code><Message>CacheSubnetGroup "
                         "%s not found.</Message></Error></ErrorResponse>" % name)
    del backend.cache_subnet_groups[name]
    return 200, {}, ("<DeleteCacheSubnetGroupResponse xmlns=\"http://elasticache.amazonaws.com/"
                     "doc/2015-02-02/\"><ResponseMetadata><RequestId>vueops-filled</RequestId>"
                     "</ResponseMetadata></DeleteCacheSubnetGroupResponse>")


if not hasattr(CloudFrontResponse, "delete_key_group"):
    CloudFrontResponse.delete_key_group = cloudfront_delete_key_group
if not hasattr(ElastiCacheResponse, "delete_cache_subnet_group"):
    ElastiCacheResponse.delete_cache_subnet_group = elasticache_delete_cache_subnet_group

if __name__ == "__main__":
    from moto.server import main
    main(sys.argv[1:])
