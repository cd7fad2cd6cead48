/// Marks the ChatConfig module; its types live in the files beside this one.
public enum ChatConfigModule {}
