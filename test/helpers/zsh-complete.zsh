# Prints the candidates zsh's completion system offers for a command line, one per line.
# Usage: zsh -f capture.zsh <completion script | directory to put on $fpath> <command line up to the cursor>
# It starts an interactive `zsh -f` in a pseudo-terminal (zpty), runs compinit, loads the script
# (sourced, or autoloaded from $fpath when given a directory), types the line and a Tab, and prints
# what compadd kept after zsh's own matching of the word being completed.
zmodload zsh/zpty || { print -u2 'zsh/zpty is missing'; exit 2 }
local script=${1:A} setup=${TMPDIR:-/tmp}/am-capture-$$.zsh
{
  [[ -d $script ]] && print -r -- "fpath=(${(q)script} \$fpath)"
  cat <<'SETUP'
PROMPT=
autoload -Uz compinit && compinit -u -D
bindkey '^I' complete-word
zstyle ':completion:*' list-grouped false
zstyle ':completion:*' insert-tab false
__capture_mark() { print -r -- '<<CAPTURE>>' }
compprefuncs=( __capture_mark )
comppostfuncs=( __capture_mark exit )
compadd() {
  # Calls that only collect (-O, -A, -D) are zsh's own business.
  if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi
  local -a __hits
  builtin compadd -A __hits "$@"
  (( $#__hits )) && print -rl -- "CANDIDATE:"$^__hits
  return 0
}
SETUP
  [[ -f $script ]] && print -r -- "source ${(q)script}"
  print -r -- "print -r -- READY"
} > $setup
zpty z zsh -f -i
zpty -w z "source ${(q)setup}"
local line
repeat 50; do
  zpty -r z line || break
  [[ $line == READY* ]] && break
done
rm -f $setup
[[ $line == READY* ]] || { print -u2 "the shell did not start: $line"; exit 2 }
zpty -w -n z "$2"$'\t'
local marks=0
while zpty -r z line; do
  line=${line//$'\r'/}
  line=${line%$'\n'}
  if [[ $line == *'<<CAPTURE>>'* ]]; then (( ++marks >= 2 )) && break; continue; fi
  (( marks )) && [[ $line == CANDIDATE:* ]] && print -r -- ${line#CANDIDATE:}
done
zpty -d z
