"""Attribution: who is quoted, how (direct, indirect, according to), with which verbs."""
