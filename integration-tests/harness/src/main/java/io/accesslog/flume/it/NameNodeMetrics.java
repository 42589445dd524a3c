package io.accesslog.flume.it;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Write RPCs the NameNode has served, read from its {@code /jmx} (per-method counts of {@code
 * RpcDetailedActivityForPort<rpcPort>}). The benchmark takes a snapshot before and after a run.
 */
public final class NameNodeMetrics {
  /** ClientProtocol methods that change the namespace or a file's blocks. */
  public static final List<String> WRITE_METHODS =
      List.of(
          "Create",
          "Append",
          "AddBlock",
          "Complete",
          "AbandonBlock",
          "Fsync",
          "Rename",
          "Rename2",
          "Delete",
          "Mkdirs",
          "Truncate",
          "Concat",
          "RecoverLease",
          "UpdateBlockForPipeline",
          "UpdatePipeline",
          "SetPermission",
          "SetOwner",
          "SetReplication",
          "SetTimes",
          "CreateSymlink");

  private final String httpAddress;
  private final int rpcPort;

  NameNodeMetrics(String httpAddress, int rpcPort) {
    this.httpAddress = httpAddress;
    this.rpcPort = rpcPort;
  }

  /** Counts per write method (only methods called at least once appear). */
  public Map<String, Long> writeRpcCounts() {
    String bean = "Hadoop:service=NameNode,name=RpcDetailedActivityForPort" + rpcPort;
    JsonNode root = Http.getJsonUnchecked("http://" + httpAddress + "/jmx?qry=" + bean);
    Map<String, Long> counts = new TreeMap<>();
    for (JsonNode node : root.path("beans")) {
      Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        String key = field.getKey();
        if (key.endsWith("NumOps")) {
          String method = key.substring(0, key.length() - "NumOps".length());
          if (WRITE_METHODS.contains(method) && field.getValue().asLong() > 0) {
            counts.put(method, field.getValue().asLong());
          }
        }
      }
    }
    return counts;
  }

  public long totalWriteRpcs() {
    return writeRpcCounts().values().stream().mapToLong(Long::longValue).sum();
  }
}
