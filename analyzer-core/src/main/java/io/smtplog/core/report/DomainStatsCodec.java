package io.smtplog.core.report;

import io.smtplog.core.model.Peer;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes one domain's relay figures ({@link RelayCollector.DomainStats}) to a run of
 * {@link SortedRuns} and reads them back whole: every counter, the forward-path and relay-host
 * counters, the RCPT replies, the delays and the first and last times. Stateless.
 */
final class DomainStatsCodec implements SortedRuns.Codec<SpillingMap.Entry<RelayCollector.DomainStats>> {
  static final DomainStatsCodec INSTANCE = new DomainStatsCodec();

  private DomainStatsCodec() {}

  @Override
  public void write(DataOutput out, SpillingMap.Entry<RelayCollector.DomainStats> entry) throws IOException {
    SortedRuns.writeText(out, entry.key());
    RelayCollector.DomainStats s = entry.state();
    for (long count : new long[] {s.recipients, s.delivered, s.accepted250, s.forwarded251, s.accepted252,
        s.rcptReplyUnseen, s.relayedUnseen, s.relayed, s.local, s.deferred, s.bounced, s.expired, s.rejected,
        s.discarded, s.deferrals, s.forwarded, s.hops, s.relayedThrough}) {
      SortedRuns.writeCount(out, count);
    }
    s.forwardPaths.writeTo(out, SortedRuns::writeText);
    s.relayHosts.writeTo(out, (o, peer) -> {
      SortedRuns.writeText(o, peer.hostname());
      SortedRuns.writeText(o, peer.address());
      o.writeInt(peer.port());
    });
    SortedRuns.writeCount(out, s.rcptReplies.size());
    for (Map.Entry<Integer, Long> e : s.rcptReplies.entrySet()) {
      SortedRuns.writeCount(out, e.getKey());
      SortedRuns.writeCount(out, e.getValue());
    }
    s.delays.writeTo(out);
    out.writeBoolean(s.firstSeen != null);
    if (s.firstSeen != null) {
      writeInstant(out, s.firstSeen);
      writeInstant(out, s.lastSeen);
    }
  }

  @Override
  public SpillingMap.Entry<RelayCollector.DomainStats> read(DataInput in) throws IOException {
    String domain = SortedRuns.readText(in);
    long[] c = new long[18];
    for (int i = 0; i < c.length; i++) {
      c[i] = SortedRuns.readCount(in);
    }
    TopCounter<String> forwardPaths = TopCounter.readFrom(in, TopCounter.CAPACITY, SortedRuns::readText);
    TopCounter<Peer> relayHosts = TopCounter.readFrom(in, TopCounter.CAPACITY,
        i -> new Peer(SortedRuns.readText(i), SortedRuns.readText(i), i.readInt()));
    Map<Integer, Long> replies = new TreeMap<>();
    long n = SortedRuns.readCount(in);
    for (long i = 0; i < n; i++) {
      replies.put((int) SortedRuns.readCount(in), SortedRuns.readCount(in));
    }
    RelayCollector.DomainStats s = new RelayCollector.DomainStats(forwardPaths, relayHosts, DelaySketch.readFrom(in));
    s.rcptReplies.putAll(replies);
    s.recipients = c[0];
    s.delivered = c[1];
    s.accepted250 = c[2];
    s.forwarded251 = c[3];
    s.accepted252 = c[4];
    s.rcptReplyUnseen = c[5];
    s.relayedUnseen = c[6];
    s.relayed = c[7];
    s.local = c[8];
    s.deferred = c[9];
    s.bounced = c[10];
    s.expired = c[11];
    s.rejected = c[12];
    s.discarded = c[13];
    s.deferrals = c[14];
    s.forwarded = c[15];
    s.hops = c[16];
    s.relayedThrough = c[17];
    if (in.readBoolean()) {
      s.firstSeen = readInstant(in);
      s.lastSeen = readInstant(in);
    }
    return new SpillingMap.Entry<>(domain, s);
  }

  private static void writeInstant(DataOutput out, Instant t) throws IOException {
    out.writeLong(t.getEpochSecond());
    out.writeInt(t.getNano());
  }

  private static Instant readInstant(DataInput in) throws IOException {
    return Instant.ofEpochSecond(in.readLong(), in.readInt());
  }
}
