package fake

// Word pools for synthetic PRs. Logins and names are invented so that no
// real person is credited with generated text; kernel-patches-bot is the one
// real account, used as the repository's own bot.

type syntheticPerson struct {
	login, name, email string
}

var syntheticPeople = []syntheticPerson{
	{"kernel-patches-bot", "Kernel Patches Bot", "kernel-patches-bot@users.noreply.github.com"},
	{"alice-dev", "Alice Developer", "alice@example.org"},
	{"verifier-wrangler", "Vera Wrangler", "vera@example.org"},
	{"kfunc-fan", "Zhāng Wěi", "zhang.wei@example.cn"},
	{"libbpf-user", "José Müller", "jose.mueller@example.de"},
	{"btf-curator", "Ævar Ørnulfsson", "aevar@example.is"},
	{"a", "A", "a@example.com"}, // the shortest login GitHub allows
	{"a-very-long-github-login-of-39-chars-ok", "Longname McLongface", "long@example.com"},
	{"ci-runner[bot]", "CI Runner", "ci-runner@example.com"},
	{"dependabot[bot]", "dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com"},
}

var syntheticLabels = []string{
	"bpf", "bpf-next", "selftests", "libbpf", "verifier", "needs-rebase",
	"ci-failed", "ci-passed", "good first issue", "help wanted", "🐛 bug", "優先度: 高",
	"a very long label name that keeps going so that label chips must be truncated somewhere",
}

var syntheticSubsystems = []string{"bpf", "libbpf", "selftests/bpf", "bpftool", "net", "xdp", "bpf, sockmap", "bpf, arm64"}

var syntheticSubjects = []string{
	"fix NULL dereference in %s",
	"add support for %s",
	"refactor %s handling",
	"avoid a data race on %s",
	"make %s work with 32-bit programs",
	"speed up %s lookups",
	"drop the unused %s helper",
	"document %s semantics",
}

var syntheticThings = []string{
	"the verifier's precision backtracking", "BTF dedup", "ring buffer reservations", "kfunc arguments",
	"map-in-map updates", "tail calls", "struct_ops", "bpf_loop callbacks", "sock_ops", "the JIT",
	"LRU hash maps", "iterators", "task storage", "dynptrs",
}

var syntheticComments = []string{
	"LGTM",
	"Thanks! Applied to bpf-next.",
	"Could you add a selftest for this?\n\nSomething like `test_progs -t %s` would catch the regression.",
	"This breaks the build on s390:\n\n```\nkernel/bpf/verifier.c:1234:5: error: implicit declaration of function 'foo'\n 1234 |     foo(env);\n      |     ^~~\n```",
	"Nit: please keep lines under 100 columns.\n\n> + if (!ptr) return -EINVAL;\n\nThe kernel style puts the return on its own line.",
	"👍 🎉 🚀",
	"看起来不错，但是请补充一下测试用例。",
	"هذا التغيير يبدو جيدًا، شكرًا!",
	"CI results: https://github.com/kernel-patches/bpf/actions/runs/1234567890\n\n- test_progs: ✅\n- test_verifier: ❌ (3 failures)\n- test_maps: ✅",
	"A long line follows, so wrapping has something to do: " +
		"lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua " +
		"ut enim ad minim veniam quis nostrud exercitation ullamco laboris nisi ut aliquip ex ea commodo consequat duis aute irure " +
		"dolor in reprehenderit in voluptate velit esse cillum dolore eu fugiat nulla pariatur excepteur sint occaecat cupidatat",
	"Tabs\tand  double  spaces\tare kept:\n\tindented with a tab\n        indented with spaces",
	"@alice-dev can you take a look? cc @verifier-wrangler",
}

var syntheticReviewBodies = []string{"", "LGTM", "Looks good, one nit inline.", "Please split this into two patches.", "Acked-by: Vera Wrangler <vera@example.org>"}

var syntheticBranches = []string{"bpf-next", "bpf", "master"}

// Showcase titles for the PR numbers that demonstrate hard text.
var (
	longTitle = "bpf: a deliberately long synthetic title that goes on and on to exercise truncation in the list, " +
		"wrapping in the detail header, and width arithmetic everywhere else, because real kernel subjects " +
		"can be long when people paste an entire sentence of explanation into the subject line of a patch"
	cjkTitle       = "bpf: 修复验证器中的空指针解引用问题（全角括号）と日本語のテキスト、한국어도 있습니다"
	emojiTitle     = "🚀 libbpf: faster map lookups 🐝 with ZWJ 👩‍👩‍👧‍👦, flags 🇺🇦🇯🇵 and skin tones 👍🏽"
	combiningTitle = "selftests: Cafe\u0301 nai\u0308ve re\u0301sume\u0301 — combining accents, Z\u0335\u0321a\u0336l\u0337g\u0334o\u0338"
	arabicTitle    = "إصلاح خطأ في مدقق bpf عند تحميل البرامج"
	hebrewTitle    = "תיקון באג ב-verifier של bpf (גרסה 2) ועוד 3 שינויים"
	controlTitle   = "bpf: title with terminal escapes \x1b[31mRED\x1b[0m, a bell \a and a \x1b]0;pwned\x07 title-setting sequence"
)
