using System;
using System.IO;
using GenNet.Samples.Classifiers;
using GenNet.Tests.Infrastructure;
using Xunit;

namespace GenNet.Tests.Samples;

public sealed class CsvDatasetTests
{
    private const string Species = """
        sepal_length,sepal_width,species
        5.1,3.5,Iris-setosa
        7.0,3.2,Iris-versicolor
        4.9,3.0,Iris-setosa
        6.3,3.3,"Iris-virginica"
        """;

    [Fact]
    public void String_labels_become_class_indices_in_order_of_first_appearance()
    {
        LabelledData<double> data = CsvDataset.Parse<double>(Species);

        Assert.Equal(4, data.Rows);
        Assert.Equal(2, data.Width);
        Assert.Equal([5.1, 3.5, 7.0, 3.2, 4.9, 3.0, 6.3, 3.3], data.Inputs);
        Assert.Equal([0, 1, 0, 2], data.Labels);
        Assert.Equal(["Iris-setosa", "Iris-versicolor", "Iris-virginica"], data.ClassNames);
        Assert.Equal(["sepal_length", "sepal_width"], data.FeatureNames);
    }

    [Fact]
    public void Given_class_names_fix_the_indices_and_refuse_other_labels_with_line_and_column()
    {
        var options = new CsvDatasetOptions { ClassNames = ["Iris-virginica", "Iris-versicolor", "Iris-setosa"] };
        Assert.Equal([2, 1, 2, 0], CsvDataset.Parse<float>(Species, options).Labels);

        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>(Species + "\n6.0,2.2,Iris-germanica", options));
        Assert.Equal("the CSV text, line 6, column 3: the label 'Iris-germanica' is not one of the classes (Iris-virginica, Iris-versicolor, Iris-setosa).", error.Message);
    }

    [Fact]
    public void The_label_may_be_any_column_and_the_separator_any_character()
    {
        LabelledData<float> data = CsvDataset.Parse<float>("a;1.5;2\nb;-3;4e1\n", new CsvDatasetOptions { Header = CsvHeader.None, Separator = ';', LabelColumn = 0 });

        Assert.Equal([1.5f, 2f, -3f, 40f], data.Inputs);
        Assert.Equal([0, 1], data.Labels);
        Assert.Equal(["column 2", "column 3"], data.FeatureNames);
    }

    [Theory]
    [InlineData("5.1,,x", "line 2, column 2: the value is missing")]
    [InlineData("5.1, ,x", "line 2, column 2: the value is missing")]
    [InlineData("5.1,abc,x", "line 2, column 2: 'abc' is not a finite number")]
    [InlineData("5,1,3.0,x", "line 2: 4 values where the header names 3")]
    [InlineData("5.1,3.0", "line 2: 2 values where the header names 3")]
    [InlineData("NaN,3.0,x", "line 2, column 1: 'NaN' is not a finite number")]
    [InlineData("1e999,3.0,x", "line 2, column 1: '1e999' is not a finite number")]
    [InlineData("5.1,3.0,", "line 2, column 3: the label is missing")]
    public void Missing_and_malformed_values_are_refused_naming_line_and_column(string row, string expected)
    {
        string text = $"a,b,label\n{row}\n";
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>(text, source: "data.csv"));
        Assert.Equal($"data.csv, {expected}.", error.Message);
    }

    [Fact]
    public void Lines_are_counted_in_the_file_so_a_quoted_line_break_moves_the_count()
    {
        string text = "a,b,label\n1,2,\"two\nlines\"\n3,oops,x\n";
        var error = Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>(text));
        Assert.Contains("line 4, column 2: 'oops'", error.Message);
    }

    [Fact]
    public void A_scikit_learn_header_gives_the_class_names_and_its_counts_are_checked()
    {
        var options = new CsvDatasetOptions { Header = CsvHeader.ScikitLearn };
        LabelledData<float> data = CsvDataset.Parse<float>("2,2,cat,dog\n1,2,1\n3,4,0\n", options);
        Assert.Equal([1, 0], data.Labels);
        Assert.Equal(["cat", "dog"], data.ClassNames);

        Assert.Equal("the CSV text has 2 data rows; its first line declares 3.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("3,2,cat,dog\n1,2,1\n3,4,0\n", options)).Message);
        Assert.Equal("the CSV text, line 3, column 3: the label '2' is not a class index from 0 to 1.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("2,2,cat,dog\n1,2,1\n3,4,2\n", options)).Message);
        Assert.Equal("the CSV text, line 2: 4 values where the first row has 3.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("2,2,cat,dog\n1,2,5,1\n", options)).Message);
        Assert.Equal("the CSV text, line 1, column 1: the row count 'many' is not a positive integer.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("many,2,cat,dog\n1,2,1\n", options)).Message);
    }

    [Fact]
    public void Reading_a_file_names_it_and_an_empty_or_one_class_file_is_refused()
    {
        using var folder = new TemporaryDirectory();
        string path = folder.File("flowers.csv");
        File.WriteAllText(path, "x,label\n1,a\n2,b\nthree,a\n");
        Assert.StartsWith("flowers.csv, line 4, column 1:", Assert.Throws<InvalidDataException>(() => CsvDataset.Read<double>(path)).Message);

        Assert.Contains("no data rows", Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<double>("x,label\n")).Message);
        Assert.Contains("has 1 class; a classifier needs at least 2", Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<double>("x,label\n1,a\n2,a\n")).Message);
        Assert.Throws<ArgumentException>(() => CsvDataset.Parse<double>("x,label\n1,a\n", new CsvDatasetOptions { LabelColumn = 2 }));
        Assert.StartsWith("the CSV text, line 1: Col name 'x' found 2 times", Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<double>("x,x,label\n1,2,a\n")).Message);
    }

    [Fact]
    public void The_first_line_of_a_file_without_header_is_line_1()
    {
        var options = new CsvDatasetOptions { Header = CsvHeader.None };
        Assert.Equal("the CSV text, line 1, column 1: 'x' is not a finite number.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("x,a\n1,b\n", options)).Message);
        Assert.Equal("the CSV text, line 2, column 1: 'y' is not a finite number.",
            Assert.Throws<InvalidDataException>(() => CsvDataset.Parse<float>("1,a\ny,b\n", options)).Message);
    }
}
