package main

import (
	"flag"
	"fmt"
	"io"
	"sort"
	"strings"
)

// Shell completion: `prscope completion bash|zsh|fish` prints a script
// built from the flag set itself, so it offers exactly the flags that parse.

// subcommands are the words prscope takes in first position.
var subcommands = []string{"dump", "cache", "config", "completion", "docs"}

// flagChoices are the values a flag takes, where there is a fixed set.
var flagChoices = map[string][]string{
	"state": {"open", "closed", "all"},
}

// flagPaths are the flags whose value is a directory ("dir") or file.
var flagPaths = map[string]string{
	"cache-dir": "dir",
	"config":    "file",
}

// completionFlag is one flag as the scripts need it.
type completionFlag struct {
	name, usage string
	takesValue  bool
}

func completionFlags() []completionFlag {
	var o options
	var out []completionFlag
	newFlagSet(&o).VisitAll(func(f *flag.Flag) {
		b, isBool := f.Value.(interface{ IsBoolFlag() bool })
		out = append(out, completionFlag{name: f.Name, usage: f.Usage, takesValue: !isBool || !b.IsBoolFlag()})
	})
	out = append(out, completionFlag{name: "help", usage: "show the help"})
	sort.Slice(out, func(i, j int) bool { return out[i].name < out[j].name })
	return out
}

// writeCompletion prints the script for shell.
func writeCompletion(w io.Writer, shell string) error {
	switch shell {
	case "bash":
		return writeBash(w)
	case "zsh":
		return writeZsh(w)
	case "fish":
		return writeFish(w)
	}
	return fmt.Errorf("completion: unknown shell %q: want bash, zsh or fish", shell)
}

func writeBash(w io.Writer) error {
	var all, cases []string
	for _, f := range completionFlags() {
		all = append(all, "--"+f.name)
		switch {
		case flagChoices[f.name] != nil:
			cases = append(cases, fmt.Sprintf("    --%s) COMPREPLY=($(compgen -W %q -- \"$cur\")); return ;;", f.name, strings.Join(flagChoices[f.name], " ")))
		case flagPaths[f.name] == "dir":
			cases = append(cases, fmt.Sprintf("    --%s) COMPREPLY=($(compgen -d -- \"$cur\")); return ;;", f.name))
		case flagPaths[f.name] == "file":
			cases = append(cases, fmt.Sprintf("    --%s) COMPREPLY=($(compgen -f -- \"$cur\")); return ;;", f.name))
		case f.takesValue:
			cases = append(cases, fmt.Sprintf("    --%s) return ;;", f.name))
		}
	}
	_, err := fmt.Fprintf(w, `# bash completion for prscope: source it, or put it in
# ~/.local/share/bash-completion/completions/prscope
_prscope() {
  local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
  case "$prev" in
%s
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=($(compgen -W %q -- "$cur"))
    return
  fi
  if [[ $COMP_CWORD -eq 1 ]]; then
    COMPREPLY=($(compgen -W %q -- "$cur"))
    return
  fi
  case "${COMP_WORDS[1]}" in
    cache) COMPREPLY=($(compgen -W "clear" -- "$cur")) ;;
    completion) COMPREPLY=($(compgen -W "bash zsh fish" -- "$cur")) ;;
    docs) COMPREPLY=($(compgen -W "markdown man" -- "$cur")) ;;
  esac
}
complete -F _prscope prscope
`, strings.Join(cases, "\n"), strings.Join(all, " "), strings.Join(subcommands, " "))
	return err
}

func writeZsh(w io.Writer) error {
	var specs []string
	for _, f := range completionFlags() {
		spec := fmt.Sprintf("'--%s[%s]", f.name, zshEscape(f.usage))
		switch {
		case flagChoices[f.name] != nil:
			spec += fmt.Sprintf(":%s:(%s)", f.name, strings.Join(flagChoices[f.name], " "))
		case flagPaths[f.name] == "dir":
			spec += ":directory:_files -/"
		case flagPaths[f.name] == "file":
			spec += ":file:_files"
		case f.takesValue:
			spec += ":" + f.name + ": "
		}
		specs = append(specs, "    "+spec+"'")
	}
	_, err := fmt.Fprintf(w, `#compdef prscope
# zsh completion for prscope: put it in a directory of $fpath as _prscope
_prscope() {
  _arguments -s \
%s \
    '1:command or OWNER/REPO:(%s)' \
    '*::argument:->args'
  case $state in
    args)
      case $words[1] in
        cache) _values 'cache command' clear ;;
        completion) _values 'shell' bash zsh fish ;;
        docs) _values 'format' markdown man ;;
      esac ;;
  esac
}
_prscope "$@"
`, strings.Join(specs, " \\\n"), strings.Join(subcommands, " "))
	return err
}

// zshEscape makes a usage string safe inside '…[…]'.
func zshEscape(s string) string {
	return strings.NewReplacer("'", "'\\''", "[", "(", "]", ")", ":", " -").Replace(s)
}

func writeFish(w io.Writer) error {
	var b strings.Builder
	b.WriteString("# fish completion for prscope: put it in ~/.config/fish/completions/prscope.fish\n")
	b.WriteString("complete -c prscope -f\n")
	fmt.Fprintf(&b, "complete -c prscope -n '__fish_use_subcommand' -a '%s'\n", strings.Join(subcommands, " "))
	b.WriteString("complete -c prscope -n '__fish_seen_subcommand_from cache' -a 'clear'\n")
	b.WriteString("complete -c prscope -n '__fish_seen_subcommand_from completion' -a 'bash zsh fish'\n")
	b.WriteString("complete -c prscope -n '__fish_seen_subcommand_from docs' -a 'markdown man'\n")
	for _, f := range completionFlags() {
		line := fmt.Sprintf("complete -c prscope -l %s -d '%s'", f.name, strings.ReplaceAll(f.usage, "'", "\\'"))
		switch {
		case flagChoices[f.name] != nil:
			line += fmt.Sprintf(" -x -a '%s'", strings.Join(flagChoices[f.name], " "))
		case flagPaths[f.name] == "dir":
			line += " -x -a '(__fish_complete_directories)'"
		case flagPaths[f.name] == "file":
			line += " -r -F"
		case f.takesValue:
			line += " -x"
		}
		b.WriteString(line + "\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}
