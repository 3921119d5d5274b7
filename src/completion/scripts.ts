/**
 * Completion scripts for bash, zsh and fish. bash and zsh share one candidate function written in
 * the subset of shell both understand; each shell wraps it in its own completion API. Candidate lists
 * are baked in when the script is generated (regenerate after adding providers or plugins).
 */
import { argumentKind, valueKind, type CommandSpec, type CompletionSpec, type OptionSpec } from './spec.js';

const SHELLS = 'bash zsh fish';

function words(list: string[]): string {
  return list.map((w) => w.replace(/[^A-Za-z0-9_./:@+-]/g, '')).filter(Boolean).join(' ');
}

function flagsOf(options: OptionSpec[]): string[] {
  return options.flatMap((o) => [o.short, o.long].filter((x): x is string => Boolean(x)));
}

function listFor(kind: string): string {
  switch (kind) {
    case 'kind':
      return '$__am_kinds';
    case 'provider':
      return '$__am_providers';
    case 'model':
      return '$__am_models';
    case 'shell':
      return SHELLS;
    case 'file':
      return '__FILES__';
    default:
      return '';
  }
}

/** The shared candidate function: __automarket_candidates <cmd> <sub> <npos> <prev> <cur>. */
function candidateFunction(spec: CompletionSpec): string {
  const valueOptions = new Map<string, string>();
  const collect = (options: OptionSpec[]) => {
    for (const o of options) if (o.value) for (const f of [o.short, o.long]) if (f) valueOptions.set(f, listFor(valueKind(o)));
  };
  collect(spec.globalOptions);
  const visit = (c: CommandSpec) => {
    collect(c.options);
    c.subcommands.forEach(visit);
  };
  spec.commands.forEach(visit);
  const byList = new Map<string, string[]>();
  for (const [flag, list] of valueOptions) byList.set(list, [...(byList.get(list) ?? []), flag]);
  const prevArms = [...byList.entries()].map(([list, flags]) => `    ${flags.join('|')}) echo "${list || '__NONE__'}"; return ;;`).join('\n');
  const commandArms = spec.commands
    .map((c) => {
      const names = [c.name, ...c.aliases].join('|');
      const own = words([...flagsOf(c.options), '--help']);
      if (c.subcommands.length) {
        const subArms = c.subcommands
          .map((s) => `        ${s.name}) if [ "$4" = "${'-'}" ]; then echo "${words([...flagsOf(s.options), '--help'])}"; elif [ "$3" = 0 ]; then echo "${listFor(argumentKind(s.argument))}"; fi ;;`)
          .join('\n');
        return `    ${names})\n      if [ -z "$2" ]; then echo "${words(c.subcommands.map((s) => s.name))}"; return; fi\n      case "$2" in\n${subArms}\n      esac ;;`;
      }
      return `    ${names}) if [ "$4" = "${'-'}" ]; then echo "${own}"; elif [ "$3" = 0 ]; then echo "${listFor(argumentKind(c.argument))}"; fi ;;`;
    })
    .join('\n');
  return `__am_kinds="${words(spec.kinds)}"
__am_providers="${words(spec.providers)}"
__am_models="${words(spec.models)}"

# Prints the candidates for: $1 command, $2 subcommand (may be empty), $3 count of positional
# arguments already given, $4 "-" when the current word starts with a dash, $5 the previous word.
__automarket_candidates() {
  case "$5" in
${prevArms}
  esac
  if [ -z "$1" ]; then
    if [ "$4" = "-" ]; then echo "${words([...new Set([...flagsOf(spec.globalOptions), "--help"])])}"; else echo "${words(spec.commands.flatMap((c) => [c.name, ...c.aliases]))}"; fi
    return
  fi
  case "$1" in
${commandArms}
  esac
}

# Options that take a value: the word after them is not a positional argument.
__am_value_options=" ${[...valueOptions.keys()].join(' ')} "
__am_has_subcommands=" ${spec.commands.filter((c) => c.subcommands.length).flatMap((c) => [c.name, ...c.aliases]).join(' ')} "`;
}

export function bashScript(spec: CompletionSpec): string {
  return `# automarket completion for bash. Load it with:
#   eval "$(automarket completion bash)"      (in ~/.bashrc)
# or save it: automarket completion bash > ~/.local/share/bash-completion/completions/automarket
${candidateFunction(spec)}

_automarket() {
  local cur prev cmd="" sub="" npos=0 dash="" i w skip="" glue="" cword=0
  # bash splits words at ':' (it is in COMP_WORDBREAKS), so "fal:fal-ai/flux" arrives as three words:
  # glue them back, or provider:model ids could never be completed.
  local -a words=()
  for ((i = 0; i < \${#COMP_WORDS[@]}; i++)); do
    w="\${COMP_WORDS[i]}"
    if [[ -n "$glue" || ( "$w" == ":" && \${#words[@]} -gt 0 ) ]]; then words[\${#words[@]}-1]+="$w"; else words+=("$w"); fi
    if [[ "$w" == ":" ]]; then glue=1; else glue=""; fi
    if ((i == COMP_CWORD)); then cword=$((\${#words[@]} - 1)); fi
  done
  cur="\${words[cword]}"
  prev="\${words[cword-1]}"
  for ((i = 1; i < cword; i++)); do
    w="\${words[i]}"
    if [ -n "$skip" ]; then skip=""; continue; fi
    case "$w" in
      -*) [[ "$__am_value_options" == *" $w "* ]] && skip=1 ;;
      *)
        if [ -z "$cmd" ]; then cmd="$w"
        elif [ -z "$sub" ] && [[ "$__am_has_subcommands" == *" $cmd "* ]]; then sub="$w"
        else npos=$((npos + 1)); fi ;;
    esac
  done
  [[ "$cur" == -* ]] && dash="-"
  local list
  list="$(__automarket_candidates "$cmd" "$sub" "$npos" "$dash" "$prev")"
  case "$list" in
    __FILES__) COMPREPLY=($(compgen -f -- "$cur")) ;;
    __NONE__) COMPREPLY=() ;;
    *) COMPREPLY=($(compgen -W "$list" -- "$cur")) ;;
  esac
  # bash replaces only what follows the last ':' of the word: drop the part already typed.
  if [[ "$cur" == *:* && "$COMP_WORDBREAKS" == *:* ]]; then
    local typed="\${cur%"\${cur##*:}"}"
    for i in "\${!COMPREPLY[@]}"; do COMPREPLY[i]="\${COMPREPLY[i]#"$typed"}"; done
  fi
}
complete -F _automarket automarket
`;
}

export function zshScript(spec: CompletionSpec): string {
  return `#compdef automarket
# automarket completion for zsh. Load it with:
#   eval "$(automarket completion zsh)"       (in ~/.zshrc, after compinit)
# or save it as _automarket in a directory on $fpath.
${candidateFunction(spec)}

_automarket() {
  local cur=\${words[CURRENT]} prev=\${words[CURRENT-1]} cmd="" sub="" npos=0 dash="" i w skip=""
  for ((i = 2; i < CURRENT; i++)); do
    w=\${words[i]}
    if [[ -n $skip ]]; then skip=""; continue; fi
    case $w in
      -*) [[ $__am_value_options == *" $w "* ]] && skip=1 ;;
      *)
        if [[ -z $cmd ]]; then cmd=$w
        elif [[ -z $sub && $__am_has_subcommands == *" $cmd "* ]]; then sub=$w
        else npos=$((npos + 1)); fi ;;
    esac
  done
  [[ $cur == -* ]] && dash="-"
  local list
  list="$(__automarket_candidates "$cmd" "$sub" "$npos" "$dash" "$prev")"
  case $list in
    __FILES__) _files ;;
    __NONE__) ;;
    *) compadd -- \${=list} ;;
  esac
}
# Autoloaded from $fpath, this file is the body of _automarket: the first Tab runs it, so complete
# now; sourced or eval'd, register the function.
if [[ \${zsh_eval_context[-1]} == loadautofunc ]]; then
  _automarket "$@"
else
  compdef _automarket automarket
fi
`;
}

export function fishScript(spec: CompletionSpec): string {
  const q = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  const lines: string[] = [
    '# automarket completion for fish. Load it with:',
    '#   automarket completion fish > ~/.config/fish/completions/automarket.fish',
    'complete -c automarket -f',
  ];
  const all = spec.commands.flatMap((c) => [c.name, ...c.aliases]).join(' ');
  const option = (cond: string, o: OptionSpec) => {
    const parts = ['complete -c automarket'];
    if (cond) parts.push(`-n ${q(cond)}`);
    if (o.short) parts.push(`-s ${o.short.replace(/^-/, '')}`);
    if (o.long) parts.push(`-l ${o.long.replace(/^--/, '')}`);
    if (o.value) {
      const kind = valueKind(o);
      if (kind === 'file') parts.push('-r -F');
      else {
        parts.push('-x');
        const list = kind === 'provider' ? spec.providers : kind === 'model' ? spec.models : kind === 'kind' ? spec.kinds : [];
        if (list.length) parts.push(`-a ${q(list.join(' '))}`);
      }
    }
    parts.push(`-d ${q(o.description)}`);
    return parts.join(' ');
  };
  const argument = (cond: string, name: string | undefined) => {
    const kind = argumentKind(name);
    const list = kind === 'kind' ? spec.kinds : kind === 'provider' ? spec.providers : kind === 'model' ? spec.models : kind === 'shell' ? SHELLS.split(' ') : [];
    if (kind === 'file') return `complete -c automarket -n ${q(cond)} -F`;
    return list.length ? `complete -c automarket -n ${q(cond)} -a ${q(list.join(' '))}` : undefined;
  };
  for (const o of spec.globalOptions) lines.push(option('', o));
  for (const c of spec.commands) {
    lines.push(`complete -c automarket -n ${q(`not __fish_seen_subcommand_from ${all}`)} -a ${q(c.name)} -d ${q(c.description)}`);
    const seen = `__fish_seen_subcommand_from ${[c.name, ...c.aliases].join(' ')}`;
    for (const o of c.options) lines.push(option(seen, o));
    if (c.subcommands.length) {
      const subs = c.subcommands.map((s) => s.name).join(' ');
      for (const s of c.subcommands) {
        lines.push(`complete -c automarket -n ${q(`${seen}; and not __fish_seen_subcommand_from ${subs}`)} -a ${q(s.name)} -d ${q(s.description)}`);
        const inSub = `${seen}; and __fish_seen_subcommand_from ${s.name}`;
        for (const o of s.options) lines.push(option(inSub, o));
        const arg = argument(inSub, s.argument);
        if (arg) lines.push(arg);
      }
    } else {
      const cond = argumentKind(c.argument) === 'kind' ? `${seen}; and not __fish_seen_subcommand_from ${spec.kinds.join(' ')}` : seen;
      const arg = argument(cond, c.argument);
      if (arg) lines.push(arg);
    }
  }
  return `${lines.join('\n')}\n`;
}
