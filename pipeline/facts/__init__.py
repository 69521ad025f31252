"""The facts stage: figures (quantities), who claims them, what event they are about, and a timeline."""
