package model

import "strings"

// ClassifyReference says why line[start:end], a reference FindReferences
// found, is there. It reads only the line, as a person skimming it would:
// the word that introduces the number and the shape of what follows.
func ClassifyReference(line string, start, end int) RefKind {
	if start < 0 || end > len(line) || start >= end {
		return RefMention
	}
	if line[start] != '#' {
		return RefExplicit // "owner/repo#N" or the PR's URL: nobody writes those by accident
	}
	before, after := line[:start], line[end:]
	lead := leadWord(before)
	switch {
	case closingWords[lead]:
		return RefExplicit
	case isStackFrame(before, after, lead):
		return RefStackFrame
	case isKernelBuild(before, after):
		return RefKernelBuild
	case patchWords[lead]:
		return RefPatchNumber
	case itemWords[lead] || isSelftestNumber(after):
		return RefNumberedItem
	}
	return RefMention
}

// closingWords are GitHub's closing keywords plus the usual "Refs".
var closingWords = setOf("close", "closes", "closed", "fix", "fixes", "fixed",
	"resolve", "resolves", "resolved", "ref", "refs", "references")

var patchWords = setOf("patch", "patches", "patchset")

// itemWords introduce a number that counts something other than issues.
var itemWords = setOf(
	"insn", "insns", "instruction", "instructions",
	"test", "tests", "subtest", "subtests", "selftest", "selftests", "testcase", "testcases",
	"case", "cases", "step", "steps", "stage", "stages", "phase", "phases",
	"item", "items", "entry", "entries", "line", "lines", "rule", "rules",
	"iteration", "iterations", "round", "rounds", "run", "runs", "attempt", "attempts",
	"cpu", "cpus", "core", "cores", "queue", "queues", "ring", "rings", "port", "ports",
	"slot", "slots", "bit", "bits", "reg", "regs", "register", "registers",
	"prog", "progs", "program", "programs", "map", "maps", "index", "idx",
	"example", "examples", "option", "options", "point", "points", "level", "levels",
)

var listConnectors = setOf("and", "or", "to", "through", "thru")

func setOf(words ...string) map[string]bool {
	set := make(map[string]bool, len(words))
	for _, w := range words {
		set[w] = true
	}
	return set
}

// maxListItems bounds how far back leadWord looks through a list, which
// keeps a line of thousands of "#N, " linear.
const maxListItems = 16

// leadWord is the lower-cased word that introduces the number ending
// before, looking past a list or range of numbers: "patches" for "In
// patches #10, " and for "Patches #8, #9, #10 and ".
func leadWord(before string) string {
	s := before
	for range maxListItems {
		s = strings.TrimRight(s, " \t,;:-–—&")
		word, rest := trailingWord(s)
		if listConnectors[strings.ToLower(word)] {
			s = rest
			continue
		}
		if n := trailingRefNumberLen(s); n > 0 {
			s = s[:len(s)-n]
			continue
		}
		return strings.ToLower(word)
	}
	return ""
}

// trailingWord splits s into its last run of word bytes and what precedes.
func trailingWord(s string) (word, rest string) {
	i := len(s)
	for i > 0 && isWordByte(s[i-1]) {
		i--
	}
	return s[i:], s[:i]
}

// trailingRefNumberLen is the length of a "#digits" ending s, else 0.
func trailingRefNumberLen(s string) int {
	i := len(s)
	for i > 0 && isDigit(s[i-1]) {
		i--
	}
	if i == len(s) || i == 0 || s[i-1] != '#' {
		return 0
	}
	return len(s) - i + 1
}

// maxFramePrefix is the most that may precede a frame's number: indentation
// and a dmesg timestamp such as "[  755.549084] ".
const maxFramePrefix = 40

// isStackFrame recognizes a backtrace frame: the number opens the line
// (after indentation or a dmesg timestamp, nothing with letters) and is
// followed by an address or a function call, as crash, gdb, ASAN and
// Android print them, or a debugger says "frame #N".
func isStackFrame(before, after, lead string) bool {
	if lead == "frame" || lead == "frames" {
		return true
	}
	if len(before) > maxFramePrefix {
		return false
	}
	for i := 0; i < len(before); i++ {
		if isASCIILetter(before[i]) {
			return false
		}
	}
	rest := strings.TrimLeft(after, " \t")
	if len(rest) == len(after) {
		return false // "#11:" or "#11," is not a frame
	}
	switch {
	case rest[0] == '[': // crash: "#11 [ffff89240e1a3a18] cmd_exec at …"
		n := hexRunLen(rest[1:])
		return n >= 6 && len(rest) > n+1 && rest[n+1] == ']'
	case strings.HasPrefix(rest, "0x"): // gdb, ASAN: "#11 0xaaaab6097530 in …"
		return hexRunLen(rest[2:]) >= 4
	case strings.HasPrefix(rest, "pc "): // Android: "#11 pc 0003d9c5  /system/lib/libc.so"
		return hexRunLen(strings.TrimLeft(rest[3:], " ")) >= 4
	}
	// gdb without an address: "#11  main (argc=1) at main.c:5"
	fn, call, ok := strings.Cut(rest, " (")
	return ok && fn != "" && !strings.ContainsAny(fn, " \t") &&
		(strings.Contains(call, ") at ") || strings.Contains(call, ") from "))
}

func hexRunLen(s string) int {
	n := 0
	for n < len(s) && (isDigit(s[n]) || (s[n]|0x20 >= 'a' && s[n]|0x20 <= 'f')) {
		n++
	}
	return n
}

// kernelContextWindow is how far before the number an oops header's
// "tainted" may be; bounded so each reference costs O(1) more.
const kernelContextWindow = 80

// isKernelBuild recognizes a kernel's build number after its version, as
// in an oops header ("Not tainted 5.18.0-rc1+ #11", "Tainted: G W 6.3.0
// #11") or a uname line ("Linux host 5.19.0 #11 SMP PREEMPT").
func isKernelBuild(before, after string) bool {
	if !strings.HasSuffix(before, " ") {
		return false
	}
	trimmed := strings.TrimRight(before, " ")
	version := trimmed[strings.LastIndexAny(trimmed, " \t")+1:]
	if !looksLikeKernelVersion(version) {
		return false
	}
	window := strings.ToLower(trimmed[max(0, len(trimmed)-kernelContextWindow):])
	next := strings.TrimLeft(after, " ")
	return strings.Contains(window, "tainted") || strings.Contains(window, "linux") ||
		strings.HasPrefix(next, "SMP") || strings.HasPrefix(next, "PREEMPT")
}

// looksLikeKernelVersion accepts "5.18.0-rc1+", "6.3.0", "5.15.0-56-generic".
func looksLikeKernelVersion(s string) bool {
	dot := strings.IndexByte(s, '.')
	if dot < 1 || dot+1 >= len(s) || !isDigit(s[0]) || !isDigit(s[dot+1]) {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i]; !isWordByte(c) && !strings.ContainsRune(".+-~", rune(c)) {
			return false
		}
	}
	return true
}

// isSelftestNumber recognizes test_progs numbering: "#11/3 subtest:OK" or
// "#11      bpf_cookie:OK".
func isSelftestNumber(after string) bool {
	if len(after) >= 2 && after[0] == '/' && isDigit(after[1]) {
		return true
	}
	rest := strings.TrimLeft(after, " \t")
	if len(rest) == len(after) {
		return false
	}
	name := rest[:firstSpace(rest)]
	for _, verdict := range []string{":OK", ":FAIL", ":SKIP"} {
		if strings.HasSuffix(name, verdict) {
			return true
		}
	}
	return false
}

func firstSpace(s string) int {
	if i := strings.IndexAny(s, " \t"); i >= 0 {
		return i
	}
	return len(s)
}
