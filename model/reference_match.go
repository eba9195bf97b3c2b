package model

import (
	"slices"
	"strings"
)

type refSpan struct{ start, end int }

// matchesInLine finds the spans of line that GitHub links to PR num of
// repo, in order. Every scan moves forward or looks back a bounded distance,
// so a line costs time linear in its length.
func matchesInLine(line string, repo Repo, num string) []refSpan {
	urls := urlSpans(line)
	var found []refSpan
	for _, u := range urls {
		if n, ok := pullURLLen(line[u.start:u.end], repo, num); ok {
			found = append(found, refSpan{u.start, u.start + n})
		}
	}
	fromURLs := len(found)

	needle := "#" + num
	nextURL := 0
	for from := 0; ; {
		i := strings.Index(line[from:], needle)
		if i < 0 {
			break
		}
		p := from + i
		from = p + 1
		end := p + len(needle)
		if end < len(line) && isWordByte(line[end]) {
			continue // "#110", "#11a": another token
		}
		for nextURL < len(urls) && urls[nextURL].end <= p {
			nextURL++
		}
		if nextURL < len(urls) && urls[nextURL].start <= p {
			continue // a URL's fragment or path, which GitHub links as the URL
		}
		if start, ok := refStart(line, p, repo); ok {
			found = append(found, refSpan{start, end})
		}
	}
	if fromURLs > 0 && len(found) > fromURLs {
		slices.SortFunc(found, func(a, b refSpan) int { return a.start - b.start })
	}
	return found
}

// refStart decides whether the "#N" at p is linked, and where the reference
// starts: at p for a bare "#N", earlier for "owner/repo#N".
func refStart(line string, p int, repo Repo) (int, bool) {
	if p == 0 {
		return p, true
	}
	switch c := line[p-1]; {
	case c == '&' || c == '#' || c == '/':
		return 0, false // "&#11;" is an HTML entity; "/#11" is part of a path
	case isRepoNameByte(c):
		if start, owner, name, ok := qualifierBefore(line, p); ok {
			if strings.EqualFold(owner, repo.Owner) && strings.EqualFold(name, repo.Name) {
				return start, true
			}
			return 0, false // another repository's #N
		}
		if isWordByte(c) {
			return 0, false // "a#11" is inside a word
		}
	}
	return p, true // after space or punctuation, as the "-" in "#3-#11"
}

// qualifierBefore parses the "owner/repo" that ends right before p. GitHub's
// limits on names (maxOwnerLen, maxRepoLen) bound how far back it looks.
func qualifierBefore(line string, p int) (start int, owner, name string, ok bool) {
	nameStart := p
	for nameStart > 0 && p-nameStart <= maxRepoLen && isRepoNameByte(line[nameStart-1]) {
		nameStart--
	}
	if nameStart == p || p-nameStart > maxRepoLen || nameStart == 0 || line[nameStart-1] != '/' {
		return 0, "", "", false
	}
	slash := nameStart - 1
	ownerStart := slash
	for ownerStart > 0 && slash-ownerStart <= maxOwnerLen && isOwnerByte(line[ownerStart-1]) {
		ownerStart--
	}
	if ownerStart == slash || slash-ownerStart > maxOwnerLen {
		return 0, "", "", false
	}
	if ownerStart > 0 {
		if c := line[ownerStart-1]; isRepoNameByte(c) || c == '/' {
			return 0, "", "", false // part of a longer path or word
		}
	}
	return ownerStart, line[ownerStart:slash], line[nameStart:p], true
}

// urlSpans finds "scheme://…" runs, which end at space or a quote or
// bracket, in order and without overlap.
func urlSpans(line string) []refSpan {
	var spans []refSpan
	for from := 0; ; {
		i := strings.Index(line[from:], "://")
		if i < 0 {
			return spans
		}
		sep := from + i
		start := sep
		for start > from && isASCIILetter(line[start-1]) {
			start--
		}
		end := sep + len("://")
		for end < len(line) && !endsURL(line[end]) {
			end++
		}
		if start < sep { // a scheme: "https", "http", "ftp"…
			spans = append(spans, refSpan{start, end})
		}
		from = end
	}
}

func endsURL(c byte) bool {
	switch c {
	case ' ', '\t', '<', '>', '"', '\'', '`':
		return true
	}
	return false
}

// pullURLLen is the length of the PR's URL at the start of u
// ("https://github.com/OWNER/REPO/pull/N" or ".../issues/N"), if it is one.
func pullURLLen(u string, repo Repo, num string) (int, bool) {
	rest, ok := cutPrefixFold(u, "https://")
	if !ok {
		if rest, ok = cutPrefixFold(u, "http://"); !ok {
			return 0, false
		}
	}
	rest, _ = cutPrefixFold(rest, "www.")
	path := "github.com/" + repo.Owner + "/" + repo.Name + "/"
	if rest, ok = cutPrefixFold(rest, path); !ok {
		return 0, false
	}
	for _, kind := range []string{"pull/", "issues/"} {
		if after, ok := cutPrefixFold(rest, kind+num); ok {
			if after != "" && isDigit(after[0]) {
				return 0, false // ".../pull/110"
			}
			return len(u) - len(after), true
		}
	}
	return 0, false
}

func cutPrefixFold(s, prefix string) (string, bool) {
	if len(s) >= len(prefix) && strings.EqualFold(s[:len(prefix)], prefix) {
		return s[len(prefix):], true
	}
	return s, false
}

func isASCIILetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }
func isDigit(c byte) bool       { return c >= '0' && c <= '9' }
func isWordByte(c byte) bool    { return isASCIILetter(c) || isDigit(c) || c == '_' }
func isOwnerByte(c byte) bool   { return isASCIILetter(c) || isDigit(c) || c == '-' }
func isRepoNameByte(c byte) bool {
	return isWordByte(c) || c == '-' || c == '.'
}
