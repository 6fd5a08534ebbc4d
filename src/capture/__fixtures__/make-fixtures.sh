#!/usr/bin/env bash
# Makes the real captures of this folder again: Debian's mosquitto 2.0.11 on a loopback port,
# mosquitto_sub and mosquitto_pub at QoS 0, 1 and 2 in MQTT 3.1.1 and 5.0, captured by tcpdump
# (pcap) and by dumpcap (pcapng). Run it as root (capturing needs it) from anywhere:
#
#   apt-get install -y --no-install-recommends mosquitto mosquitto-clients tcpdump tshark
#   bash src/capture/__fixtures__/make-fixtures.sh [PORT]
#
# Every broker and capture it starts, it stops by its pid (also when a step fails). The
# captures differ from run to run (ports, times, sequence numbers): the tests that read them
# hold the values of the committed files, so after making them again, update those
# expectations (README.md says how tshark reads them).
set -euo pipefail

OUT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
PORT="${1:-18883}"
WORK="$(mktemp -d /tmp/mqtt-lab-fixtures.XXXXXX)"
BROKER_PID=""
CAPTURE_PID=""

stop() { # stop one process we started, by its pid, and wait for it
  local pid="$1"
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then kill -INT "$pid"; wait "$pid" 2>/dev/null || true; fi
}
cleanup() { stop "$CAPTURE_PID"; stop "$BROKER_PID"; }
trap cleanup EXIT

if ss -ltn | grep -q "127.0.0.1:$PORT "; then echo "port $PORT is in use: give another one" >&2; exit 1; fi

cat >"$WORK/mosquitto.conf" <<EOF
listener $PORT 127.0.0.1
allow_anonymous true
persistence false
log_dest stdout
EOF
chmod -R a+rX "$WORK"

wait_for() { # wait_for FILE TEXT: until the tool says it is ready (at most 5 s)
  for _ in $(seq 50); do grep -q "$2" "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "timed out waiting for '$2' in $1" >&2; return 1
}

start_broker() {
  : >"$WORK/mosquitto.log"
  mosquitto -c "$WORK/mosquitto.conf" >"$WORK/mosquitto.log" 2>&1 & BROKER_PID=$!
  for _ in $(seq 50); do ss -ltn | grep -q "127.0.0.1:$PORT " && return 0; sleep 0.1; done
  echo "mosquitto did not listen on $PORT (see $WORK/mosquitto.log)" >&2; return 1
}

# start_capture NAME TOOL [ARGS...]: TOOL is tcpdump or dumpcap; ARGS pick the interface and link
# type. On lo both write Ethernet; on `any`, tcpdump 4.99 writes Linux cooked v2 unless told
# LINUX_SLL (v1).
start_capture() {
  local file="$OUT/$1" tool="$2"; shift 2
  rm -f "$file"; : >"$WORK/capture.log"
  if [ "$tool" = tcpdump ]; then
    tcpdump -U "$@" -w "$file" "tcp port $PORT" 2>"$WORK/capture.log" & CAPTURE_PID=$!
    wait_for "$WORK/capture.log" "listening on"
  else
    dumpcap -q "$@" -f "tcp port $PORT" -w "$file" 2>"$WORK/capture.log" & CAPTURE_PID=$!
    wait_for "$WORK/capture.log" "Capturing on"
  fi
  sleep 1 # both say so a little before they really capture (dumpcap missed the first packets without it)
}

finish() { sleep 0.5; stop "$CAPTURE_PID"; CAPTURE_PID=""; stop "$BROKER_PID"; BROKER_PID=""; }

SUB=(mosquitto_sub -h 127.0.0.1 -p "$PORT" -W 10)
PUB=(mosquitto_pub -h 127.0.0.1 -p "$PORT")

# pubsub QOS VERSION: a subscriber at QOS waits for two messages; a publisher sends two at QOS.
pubsub() {
  local qos="$1" v="$2" topic="lab/qos$1"
  "${SUB[@]}" -V "$v" -i lab-sub -q "$qos" -t "$topic" -C 2 >/dev/null & local sub=$!
  sleep 0.5
  printf 'message 1 at QoS %s\nmessage 2 at QoS %s\n' "$qos" "$qos" | "${PUB[@]}" -V "$v" -i lab-pub -q "$qos" -t "$topic" -l
  wait "$sub"
}

capture() { # capture FILE TOOL [TOOL ARGS] -- SCENARIO [ARGS]
  local file="$1" tool="$2"; shift 2
  local args=(); while [ "$1" != -- ]; do args+=("$1"); shift; done; shift
  start_broker
  start_capture "$file" "$tool" "${args[@]}"
  "$@"
  finish
  echo "$file: $(stat -c %s "$OUT/$file") bytes"
}

# The retained message reaches a subscriber that comes later (RETAIN=1 on its copy). Its topic and
# payload are markup, as hostile input would be: the lab must show them as text.
retained() {
  "${PUB[@]}" -V mqttv311 -i lab-pub -q 1 -r -t 'lab/<b>retained</b>' -m '<img src=x onerror=alert(1)>'
  "${SUB[@]}" -V mqttv311 -i lab-sub -q 1 -t 'lab/#' -C 1 >/dev/null
}

# A subscriber with a persistent session (clean session 0) is killed (its socket ends with FIN,
# no DISCONNECT), misses a QoS 1 message, then reconnects with the same client id and gets it.
reconnect() {
  "${SUB[@]}" -V mqttv311 -i lab-sub -c -q 1 -t lab/reconnect >/dev/null & local sub=$!
  sleep 0.5
  kill -KILL "$sub"; wait "$sub" 2>/dev/null || true
  sleep 0.2
  "${PUB[@]}" -V mqttv311 -i lab-pub -q 1 -t lab/reconnect -m 'sent while the subscriber was away'
  "${SUB[@]}" -V mqttv311 -i lab-sub -c -q 1 -t lab/reconnect -C 1 >/dev/null
}

capture qos0-v311.pcap    tcpdump -i lo -- pubsub 0 mqttv311
capture qos1-v311.pcapng  dumpcap -i lo -- pubsub 1 mqttv311
capture qos2-v311.pcap    tcpdump -i lo -- pubsub 2 mqttv311
capture qos0-v5.pcapng    dumpcap -i lo -- pubsub 0 mqttv5
capture qos1-v5.pcap      tcpdump -i lo -- pubsub 1 mqttv5
capture qos2-v5.pcapng    dumpcap -i lo -- pubsub 2 mqttv5
capture retained-v311.pcapng dumpcap -i lo -- retained
capture reconnect-v311-sll.pcap tcpdump -i any -y LINUX_SLL -- reconnect
capture qos1-v5-sll2.pcap tcpdump -i any -y LINUX_SLL2 -- pubsub 1 mqttv5
# tcpdump writes as its own user, dumpcap with mode 600: make them plain files of this folder.
chown --reference="$OUT" "$OUT"/*.pcap "$OUT"/*.pcapng
chmod 644 "$OUT"/*.pcap "$OUT"/*.pcapng
rm -rf "$WORK"
