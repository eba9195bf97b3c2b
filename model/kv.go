package model

import (
	"strings"
	"unicode"
)

// KV is one "key: value" line of a bot comment.
type KV struct {
	Key, Value string
}

// Keys longer than this are prose with a colon in it ("Thanks for the
// review: applied"), not a bot's field names ("Upstream branch").
const (
	maxKVKeyLen   = 40
	maxKVKeyWords = 3
)

// ParseKV reads body as `key: value` lines, as bots write them: the test
// PRs' "branch: … / base:bpf-next / version: …", KPD's "Upstream branch: …
// / series: … / version: N". It is false unless every non-blank line is one
// (a key of letters, digits, spaces, '-' and '_'; a value that may be empty
// or start right after the colon) and there is at least one. Keys and
// values are trimmed.
func ParseKV(body string) ([]KV, bool) {
	var kvs []KV
	for line := range strings.Lines(body) {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		key = strings.TrimSpace(key)
		if !ok || !isKVKey(key) || strings.HasPrefix(value, "//") { // "https://…" is a URL, not a key
			return nil, false
		}
		kvs = append(kvs, KV{Key: key, Value: strings.TrimSpace(value)})
	}
	return kvs, len(kvs) > 0
}

func isKVKey(key string) bool {
	if key == "" || len(key) > maxKVKeyLen || len(strings.Fields(key)) > maxKVKeyWords {
		return false
	}
	for _, r := range key {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return false
		}
	}
	return true
}

// KVChange is how one key differs between two KV blocks: From is "" for an
// added key, To is "" for a removed one.
type KVChange struct {
	Key, From, To string
}

// DiffKV says what changed from prev to next, so a run of bot comments
// reads as a version history ("version edc21dc → 3f2a9b1"): changed and
// added keys in next's order, then removed keys in prev's. A key that
// appears twice counts with its first value.
func DiffKV(prev, next []KV) []KVChange {
	before, after := firstValues(prev), firstValues(next)
	done := make(map[string]bool)
	var changes []KVChange
	for _, kv := range next {
		if done[kv.Key] {
			continue
		}
		done[kv.Key] = true
		from, had := before[kv.Key]
		if to := after[kv.Key]; !had || from != to {
			changes = append(changes, KVChange{Key: kv.Key, From: from, To: to})
		}
	}
	for _, kv := range prev {
		if done[kv.Key] {
			continue
		}
		done[kv.Key] = true
		changes = append(changes, KVChange{Key: kv.Key, From: before[kv.Key]})
	}
	return changes
}

func firstValues(kvs []KV) map[string]string {
	values := make(map[string]string, len(kvs))
	for _, kv := range kvs {
		if _, seen := values[kv.Key]; !seen {
			values[kv.Key] = kv.Value
		}
	}
	return values
}
