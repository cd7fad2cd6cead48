/// Marks the ChatUI module; its types live in the files beside this one.
public enum ChatUIModule {}
