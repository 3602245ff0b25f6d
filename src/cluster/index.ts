export type { ClusterIndex, ClusterIndexEntry, IndexedCluster, IndexedItem } from "./cluster-index.js";
export { clusterDefaults, createClusterer } from "./clusterer.js";
export type { ClusterAssignment, Clusterer, ClustererOptions } from "./clusterer.js";
export { clusterItems } from "./cluster-items.js";
export type { ItemCluster } from "./cluster-items.js";
export { createMemoryClusterIndex } from "./memory-cluster-index.js";
export { pickLead } from "./pick-lead.js";
export type { LeadCandidate, LeadOptions } from "./pick-lead.js";
export { urlIdentity } from "./url-identity.js";
