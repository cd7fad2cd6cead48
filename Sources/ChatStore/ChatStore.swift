/// Marks the ChatStore module; its types live in the files beside this one.
public enum ChatStoreModule {}
