package io.smtplog.core.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.smtplog.core.model.Peer;
import io.smtplog.core.model.QueueId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RecentValuesTest {
  private static final String TO = "Dec 30 00:00:02 mx1 postfix/smtp[1009]: 143E6D03920: to=<user46359@gmail.com>,"
      + " relay=mx2.gmail.com[203.0.116.1]:25, delay=0.46, delays=0.24/0.01/0.08/0.13, dsn=2.0.0, status=sent"
      + " (250 2.0.0 Ok: queued as 9022BA49026)";
  private static final String REMOVED = "Dec 30 00:00:02 mx1 postfix/qmgr[900]: 143E6D03920: removed";
  private static final String OTHER = "Dec 30 00:00:03 mx1 postfix/qmgr[900]: 9F62526E96C: removed";

  private static int idStart(String line) {
    return line.indexOf(": ") + 2;
  }

  private static int idEnd(String line) {
    return line.indexOf(':', idStart(line));
  }

  @Test
  void equalTexts_shareOneValue_madeOnce() {
    RecentValues<QueueId> ids = new RecentValues<>(64);
    List<String> made = new ArrayList<>();
    QueueId first = ids.get(TO, idStart(TO), idEnd(TO), text -> {
      made.add(text);
      return new QueueId(text);
    });
    QueueId again = ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), text -> {
      made.add(text);
      return new QueueId(text);
    });
    assertThat(first.value()).isEqualTo("143E6D03920");
    assertThat(again).isSameAs(first);
    assertThat(made).containsExactly("143E6D03920");
  }

  @Test
  void differentTexts_getTheirOwnValues() {
    RecentValues<QueueId> ids = new RecentValues<>(64);
    QueueId a = ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), QueueId::new);
    QueueId b = ids.get(OTHER, idStart(OTHER), idEnd(OTHER), QueueId::new);
    assertThat(a.value()).isEqualTo("143E6D03920");
    assertThat(b.value()).isEqualTo("9F62526E96C");
    assertThat(ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), QueueId::new)).isSameAs(a);
  }

  @Test
  void collision_replacesTheEntry_andNeverMixesValuesUp() {
    RecentValues<QueueId> ids = new RecentValues<>(1); // every text in one slot
    QueueId a = ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), QueueId::new);
    QueueId b = ids.get(OTHER, idStart(OTHER), idEnd(OTHER), QueueId::new);
    QueueId a2 = ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), QueueId::new);
    assertThat(b.value()).isEqualTo("9F62526E96C");
    assertThat(a2).isEqualTo(a).isNotSameAs(a); // made again after b took the slot
    // same length, same hash slot, different text: the text decides, not the slot
    String line = "x 143E6D03921: removed";
    assertThat(ids.get(line, 2, 13, QueueId::new).value()).isEqualTo("143E6D03921");
  }

  @Test
  void peers_ofASession_areShared_andAFailedParseIsKeptEmpty() {
    RecentValues<Optional<Peer>> peers = new RecentValues<>(16);
    String connect = "connect from mail2481.client72.example[198.51.81.98]";
    String disconnect = "disconnect from mail2481.client72.example[198.51.81.98] ehlo=1 mail=1 quit=1 commands=3";
    Optional<Peer> a = peers.get(connect, 13, connect.length(), Peer::parse);
    Optional<Peer> b = peers.get(disconnect, 16, disconnect.indexOf(' ', 16), Peer::parse);
    assertThat(a).hasValue(new Peer("mail2481.client72.example", "198.51.81.98", Peer.NO_PORT));
    assertThat(b).isSameAs(a);
    assertThat(peers.get("relay=none, delay=1", 6, 10, Peer::parse)).isEmpty();
  }

  @Test
  void nullValues_areNotKept() {
    RecentValues<QueueId> ids = new RecentValues<>(8);
    int[] calls = {0};
    for (int i = 0; i < 2; i++) {
      assertThat(ids.get(REMOVED, idStart(REMOVED), idEnd(REMOVED), text -> {
        calls[0]++;
        return null;
      })).isNull();
    }
    assertThat(calls[0]).isEqualTo(2);
  }

  @Test
  void sizeMustBeAPowerOfTwo() {
    assertThatThrownBy(() -> new RecentValues<QueueId>(100)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RecentValues<QueueId>(0)).isInstanceOf(IllegalArgumentException.class);
  }
}
