package model

import (
	"strings"
	"unicode"
)

// SearchToken is one term of q: key:value, or text when key is "".
type SearchToken struct {
	Negate     bool
	Key, Value string
}

// TokenizeSearch splits q at spaces outside double quotes. A leading "-"
// negates; quotes group words (a phrase, or a qualifier's value) and are
// dropped. An unclosed quote runs to the end, as GitHub reads it.
func TokenizeSearch(q string) []SearchToken {
	var out []SearchToken
	runes := []rune(q)
	for i := 0; i < len(runes); {
		if unicode.IsSpace(runes[i]) {
			i++
			continue
		}
		var raw strings.Builder
		quoted := false
		for ; i < len(runes) && (quoted || !unicode.IsSpace(runes[i])); i++ {
			if runes[i] == '"' {
				quoted = !quoted
				continue
			}
			raw.WriteRune(runes[i])
		}
		text := raw.String()
		t := SearchToken{}
		if len(text) > 1 && text[0] == '-' {
			t.Negate, text = true, text[1:]
		}
		if key, value, ok := strings.Cut(text, ":"); ok && key != "" && value != "" && isQualifierKey(key) {
			t.Key, t.Value = strings.ToLower(key), value
		} else {
			t.Value = text
		}
		out = append(out, t)
	}
	return out
}

func isQualifierKey(key string) bool {
	for _, r := range key {
		if !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r == '-' || r == '_') {
			return false
		}
	}
	return true
}
