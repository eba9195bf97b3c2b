package model

import (
	"strconv"
	"strings"
)

// PullSearchKey is what a PR is found by in the list filter: its number,
// title, author and labels, lower-cased, and ci:red, ci:green or
// ci:running for its CI verdict (PullCI of p and head).
func PullSearchKey(p PullRequest, head string) string {
	var b strings.Builder
	b.WriteString("#")
	b.WriteString(strconv.Itoa(p.Number))
	b.WriteString(" ")
	b.WriteString(strings.ToLower(p.Title))
	b.WriteString(" @")
	b.WriteString(strings.ToLower(p.User))
	for _, l := range p.Labels {
		b.WriteString(" ")
		b.WriteString(strings.ToLower(l.Name))
	}
	switch PullCI(p, head) {
	case "fail":
		b.WriteString(" ci:red")
	case "pass":
		b.WriteString(" ci:green")
	case "running":
		b.WriteString(" ci:running")
	}
	return b.String()
}

// MatchKeys returns the indexes of the keys that hold every word of query
// (case-insensitive, in any order): "kfunc alice" finds alice's kfunc
// PRs, "#11" finds PR 11 (and 110…).
func MatchKeys(keys []string, query string) []int {
	words := strings.Fields(strings.ToLower(query))
	var out []int
next:
	for i, k := range keys {
		for _, w := range words {
			if !strings.Contains(k, w) {
				continue next
			}
		}
		out = append(out, i)
	}
	return out
}
