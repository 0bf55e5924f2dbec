package io.copytrader;

public final class Main {
  public static void main(String[] args) {
  }
}
